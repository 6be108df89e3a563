package org.policyflow.platform.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLink;
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
    completeAs("chenxiaoyan", List.of("tz-sti"));
    int before = notifier.recent().size();
    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 60_000));
    fireDueReminders();
    assertThat(notifier.recent()).hasSize(before);
  }

  @Test
  void aReminderRacingTheTasksCompletionYieldsToItAndFindsTheTaskDoneOnItsRetry() {
    // The notifier runs between the reminder's reads and its comment; the task is completed right then, by
    // another transaction that commits first (as when the job executor and a clerk meet on one task).
    ReminderNotifier completingMeanwhile = new ReminderNotifier(
        new ReminderProperties(Duration.ofDays(1), new ReminderProperties.Mail(false, "noreply@policyflow.example")),
        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), "Asia/Shanghai") {
      @Override
      public Reminder remind(Task remindedTask, List<IdentityLink> links, Reminder.Kind kind, IdentityService identity) {
        CompletableFuture.runAsync(() -> completeAs("chenxiaoyan", List.of("tz-sti"))).join();
        return super.remind(remindedTask, links, kind, identity);
      }
    };
    TaskReminderJobHandler handler = new TaskReminderJobHandler(Duration.ofDays(1), () -> completingMeanwhile);
    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + 60_000));

    // The engine's own concurrency signal, which the job executor answers with a one-line warning and a
    // retry — not a NullPointerException from half-read executions.
    assertThatThrownBy(() -> runReminder(handler)).isInstanceOf(OptimisticLockingException.class);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
        .getEndTime()).isNotNull();
    assertThat(engine.getTaskService().getTaskComments(task.getId())).isEmpty();

    assertThatCode(() -> runReminder(handler)).doesNotThrowAnyException();
    assertThat(engine.getTaskService().getTaskComments(task.getId())).isEmpty();
  }

  @Test
  void aReminderWhoseProcessEndsBetweenItsReadsStopsQuietly() {
    // A task one scope down (its execution is not the process instance) whose completion ends the process.
    String deploymentId = engine.getRepositoryService().createDeployment().name("reminder-race-test")
        .addModelInstance("reminder-race.bpmn", Bpmn.createExecutableProcess("reminder-race")
            .name("提醒并发测试").camundaHistoryTimeToLive(3650)
            .startEvent("StartEvent_Started").name("开始")
            .subProcess("SubProcess_Confirm").name("确认阶段").embeddedSubProcess()
            .startEvent("StartEvent_ConfirmStarted").name("确认开始")
            .userTask("Task_Confirm").name("确认").camundaCandidateGroups("tz-sti")
            .camundaDueDate("${dateTime().plusDays(7).toDate()}").camundaPriority("50")
            .camundaFormRef("test-confirm").camundaFormRefBinding("deployment")
            .endEvent("EndEvent_ConfirmDone").name("确认完成").subProcessDone()
            .endEvent("EndEvent_Confirmed").name("结束").done())
        .addClasspathResource("test-forms/test-confirm.form")
        .deploy().getId();
    try {
      String instanceId = engine.getRuntimeService().startProcessInstanceByKey("reminder-race").getId();
      Task inSubProcess = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult();
      assertThat(inSubProcess.getExecutionId()).isNotEqualTo(instanceId);
      TaskReminderJobHandler handler = new TaskReminderJobHandler(Duration.ofDays(1), () -> notifier);
      ClockUtil.setCurrentTime(new Date(inSubProcess.getDueDate().getTime() + 60_000));

      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      assertThatCode(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
        // The task and its execution are read, then a clerk's completion, which ends the process, commits
        // before the process instance is read: the window in which the comment used to throw a
        // NullPointerException (and the job executor logged a stack trace and retried).
        context.getTaskManager().findTaskById(inSubProcess.getId()).getExecution();
        CompletableFuture.runAsync(() -> {
          engine.getIdentityService().setAuthentication("chenxiaoyan", List.of("tz-sti"));
          try {
            engine.getTaskService().complete(inSubProcess.getId());
          } finally {
            engine.getIdentityService().clearAuthentication();
          }
        }).join();
        handler.execute(new TaskReminderJobHandler.Configuration(inSubProcess.getId(), Reminder.Kind.OVERDUE), null,
            context, null);
        return null;
      })).doesNotThrowAnyException();

      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
          .singleResult().getEndTime()).isNotNull();
      assertThat(engine.getTaskService().getTaskComments(inSubProcess.getId())).isEmpty();
    } finally {
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  private void runReminder(TaskReminderJobHandler handler) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(context -> {
      handler.execute(new TaskReminderJobHandler.Configuration(task.getId(), Reminder.Kind.OVERDUE), null, context, null);
      return null;
    });
  }

  private void completeAs(String userId, List<String> groups) {
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      engine.getTaskService().complete(task.getId(), Map.of("verification", "confirmed"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
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
