package org.policyflow.platform.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Reminders before and at a task's due date: engine timers, recorded as comments, e-mailed when enabled. */
@PolicyflowIntegrationTest
class TaskReminderTest {

  @Autowired ProcessEngine engine;
  @Autowired ReminderNotifier notifier;

  private String processInstanceId;
  private Task task;

  @BeforeEach
  void startTargetCheck() {
    // 核对指标数值 is due seven calendar days after it is created, for the tz-sti group.
    processInstanceId = engine.getRuntimeService().startProcessInstanceByKey("target-record", Map.of(
        "targetKey", "high-tech-enterprises", "targetValue", 1620, "asOfDate", "2026-09-30",
        "source", "区统计局2026年三季度报表", "reporter", "wanglixin")).getId();
    task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  @AfterEach
  void resetClockAndInstance() {
    ClockUtil.reset();
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(processInstanceId, "test finished");
    }
  }

  @Test
  void theGroupIsRemindedADayBeforeAndAgainWhenTheTaskIsOverdue() {
    List<Job> timers = reminderJobs();
    assertThat(timers).extracting(Job::getDuedate)
        .containsExactlyInAnyOrder(new Date(task.getDueDate().getTime() - Duration.ofDays(1).toMillis()),
            task.getDueDate());

    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() - Duration.ofHours(23).toMillis()));
    assertThat(fireDueReminders()).isEqualTo(1);
    Reminder dueSoon = latestFor(task.getId());
    assertThat(dueSoon.kind()).isEqualTo(Reminder.Kind.DUE_SOON);
    // Unclaimed: every tz-sti member with an e-mail address is told; mail is off by default.
    assertThat(dueSoon.recipients()).contains("wanglixin@policyflow.example", "chenxiaoyan@policyflow.example");
    assertThat(dueSoon.mailed()).isFalse();
    assertThat(dueSoon.text()).contains("核对指标数值：high-tech-enterprises").contains("将于");

    engine.getTaskService().claim(task.getId(), "chenxiaoyan");
    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 60_000));
    assertThat(fireDueReminders()).isEqualTo(1);
    Reminder overdue = latestFor(task.getId());
    assertThat(overdue.kind()).isEqualTo(Reminder.Kind.OVERDUE);
    assertThat(overdue.recipients()).containsExactly("chenxiaoyan@policyflow.example");

    List<Comment> comments = engine.getTaskService().getTaskComments(task.getId());
    assertThat(comments).extracting(Comment::getFullMessage)
        .anyMatch(message -> message.startsWith("【即将到期提醒 / due soon reminder】"))
        .anyMatch(message -> message.startsWith("【已逾期提醒 / overdue reminder】")
            && message.contains("chenxiaoyan@policyflow.example"));
  }

  @Test
  void aCompletedTaskIsNotReminded() {
    engine.getIdentityService().setAuthentication("chenxiaoyan", List.of("tz-sti"));
    try {
      engine.getTaskService().complete(task.getId(), Map.of("verification", "confirmed"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    int before = notifier.recent().size();
    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 60_000));
    fireDueReminders();
    assertThat(notifier.recent()).hasSize(before);
  }

  @Test
  void withMailOnTheRemindersGoThroughTheMailSender() {
    List<SimpleMailMessage> sent = new ArrayList<>();
    JavaMailSender fake = new JavaMailSenderImpl() {
      @Override
      public void send(SimpleMailMessage... messages) {
        sent.addAll(List.of(messages));
      }
    };
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mailSender", fake));
    ReminderNotifier mailing = new ReminderNotifier(
        new ReminderProperties(Duration.ofDays(1), new ReminderProperties.Mail(true, "noreply@policyflow.example")),
        beans.getBeanProvider(JavaMailSender.class), "Asia/Shanghai");

    Reminder reminder = mailing.remind(task, engine.getTaskService().getIdentityLinksForTask(task.getId()),
        Reminder.Kind.OVERDUE, engine.getIdentityService());

    assertThat(reminder.mailed()).isTrue();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getFrom()).isEqualTo("noreply@policyflow.example");
    assertThat(sent.get(0).getTo()).contains("chenxiaoyan@policyflow.example");
    assertThat(sent.get(0).getSubject()).isEqualTo("【已逾期】" + task.getName() + " / Task overdue");
  }

  /** The reminder timers of this test's task (reminders belong to no process instance). */
  private List<Job> reminderJobs() {
    return engine.getManagementService().createJobQuery().timers().list().stream()
        .filter(job -> TaskReminderJobHandler.TYPE.equals(((JobEntity) job).getJobHandlerType())
            && ((JobEntity) job).getJobHandlerConfigurationRaw().startsWith(task.getId() + "|"))
        .toList();
  }

  private int fireDueReminders() {
    List<Job> due = reminderJobs().stream()
        .filter(job -> !job.getDuedate().after(ClockUtil.getCurrentTime())).toList();
    due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    return due.size();
  }

  private Reminder latestFor(String taskId) {
    return notifier.recent().stream().filter(reminder -> reminder.taskId().equals(taskId)).findFirst().orElseThrow();
  }
}
