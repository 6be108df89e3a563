package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Working-day timers and due dates in real BPMN models on the engine (policy-rules F, TZP-N1):
 * the engine clock is moved and timers are fired by executing their jobs, never by waiting.
 */
@PolicyflowIntegrationTest
@ExtendWith(CalendarYearsRestored.class)
class WorkingDayTimerIntegrationTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired WorkingDayCalendar calendar;

  @TempDir Path externalDirectory;

  private String deploymentId;

  @BeforeEach
  void deploy() {
    deploymentId = repositoryService.createDeployment()
        .name("working-day-timer-test")
        .addClasspathResource("bpmn/working-day-timer.bpmn")
        .addClasspathResource("bpmn/working-day-expression.bpmn")
        .addClasspathResource("test-forms/test-confirm.form")
        .deploy().getId();
  }

  @AfterEach
  void restore() {
    ClockUtil.reset();
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void noticeTZP_N1_timerFiresAfterNationalDay2026() {
    clock("2026-09-30T10:00+08:00");
    ProcessInstance notice = runtimeService.startProcessInstanceByKey("working-day-timer");
    managementService.executeJob(singleJob(notice).getId());

    Job timer = singleJob(notice);
    // 2026-09-30 + 5 working days = 2026-10-13 (10-10 is a make-up Saturday); ends at 24:00 that day.
    assertThat(timer.getDuedate()).isEqualTo(at("2026-10-14T00:00+08:00"));

    clock("2026-10-13T23:00+08:00");
    assertThat(managementService.createJobQuery().processInstanceId(notice.getId()).executable().list()).isEmpty();

    clock("2026-10-14T00:00+08:00");
    assertThat(managementService.createJobQuery().processInstanceId(notice.getId()).executable().list())
        .extracting(Job::getId).containsExactly(timer.getId());
    managementService.executeJob(timer.getId());

    Task confirm = taskService.createTaskQuery().processInstanceId(notice.getId()).singleResult();
    assertThat(confirm.getTaskDefinitionKey()).isEqualTo("Task_ConfirmNoticeResult");
    // Created 2026-10-14 00:00: 10-15, 10-16, 10-19, 10-20, 10-21 → due at 24:00 on 2026-10-21.
    assertThat(confirm.getDueDate()).isEqualTo(at("2026-10-22T00:00+08:00"));
  }

  @Test
  void workingDaysF_userTaskDueDateP5WD_countsFromTaskCreation() {
    clock("2025-09-19T09:00+08:00");
    ProcessInstance notice = runtimeService.startProcessInstanceByKey("working-day-timer");
    managementService.executeJob(singleJob(notice).getId());
    clock("2025-09-26T16:30+08:00");
    managementService.executeJob(singleJob(notice).getId());

    Task confirm = taskService.createTaskQuery().processInstanceId(notice.getId()).singleResult();
    assertThat(confirm.getDueDate()).isEqualTo(at("2025-10-11T00:00+08:00"));
  }

  @Test
  void workingDaysF_expressionsTakeTheNumberOfDaysFromAVariable() {
    clock("2026-02-13T11:00+08:00");
    ProcessInstance review = runtimeService.startProcessInstanceByKey("working-day-expression",
        Map.of("noticeDays", 5));
    managementService.executeJob(singleJob(review).getId());
    // ${workingDays.end(noticeDays)}: 2026-02-13 + 5 = 2026-02-27 (02-14 make-up, Spring Festival 02-15…02-23).
    assertThat(singleJob(review).getDuedate()).isEqualTo(at("2026-02-28T00:00+08:00"));

    clock("2026-02-28T00:00+08:00");
    managementService.executeJob(singleJob(review).getId());
    // P${noticeDays}WD from Saturday 2026-02-28 (itself a make-up day, not counted): 03-02 … 03-06.
    assertThat(taskService.createTaskQuery().processInstanceId(review.getId()).singleResult().getDueDate())
        .isEqualTo(at("2026-03-07T00:00+08:00"));
  }

  @Test
  void workingDaysF_missing2027_isAnIncidentUntilTheYearIsAddedAndTheJobRetried() throws IOException {
    clock("2026-12-28T10:00+08:00");
    ProcessInstance notice = runtimeService.startProcessInstanceByKey("working-day-timer");
    Job job = singleJob(notice);

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("2027");
    Job failed = singleJob(notice);
    assertThat(failed.getRetries()).isZero();
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(notice.getId()).singleResult();
    assertThat(incident.getIncidentMessage())
        .contains("工作日历缺少 2027 年的节假日安排")
        .contains("The working-day calendar has no arrangement for 2027");

    Files.writeString(externalDirectory.resolve("2027.json"), WorkingDayCalendarDirectoryTest.HYPOTHETICAL_2027);
    calendar.useDirectory(externalDirectory);
    // What Cockpit's "Retry" does.
    managementService.setJobRetries(failed.getId(), 1);
    managementService.executeJob(failed.getId());

    assertThat(runtimeService.createIncidentQuery().processInstanceId(notice.getId()).count()).isZero();
    // 2026-12-28 + 5: 12-29, 12-30, 12-31, (New Year 01-01…01-03), 01-04, 01-05.
    assertThat(singleJob(notice).getDuedate()).isEqualTo(at("2027-01-06T00:00+08:00"));
  }

  private Job singleJob(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
