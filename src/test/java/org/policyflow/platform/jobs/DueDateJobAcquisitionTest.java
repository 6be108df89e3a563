package org.policyflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The job executor's acquisition by due date (docs/operations.md, "Job executor"). */
@PolicyflowIntegrationTest
class DueDateJobAcquisitionTest {

  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  @Autowired TestRestTemplate http;

  String deploymentId;
  String instanceId;

  @BeforeEach
  void asyncProcess() {
    deploymentId = engine.getRepositoryService().createDeployment().name("due-date-acquisition-test")
        .addModelInstance("due-date-acquisition.bpmn", Bpmn.createExecutableProcess("due-date-acquisition")
            .name("到期作业测试").camundaHistoryTimeToLive(3650)
            .startEvent("StartEvent_Started").name("开始")
            .userTask("Task_Confirm").name("确认").camundaAsyncBefore().camundaCandidateGroups("tz-sti")
            .camundaDueDate("${dateTime().plusDays(7).toDate()}").camundaPriority("50")
            .camundaFormRef("test-confirm").camundaFormRefBinding("deployment")
            .endEvent("EndEvent_Confirmed").name("结束").done())
        .addClasspathResource("test-forms/test-confirm.form")
        .deploy().getId();
    instanceId = engine.getRuntimeService().startProcessInstanceByKey("due-date-acquisition").getId();
  }

  @AfterEach
  void removeProcess() {
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
  }

  @Test
  void aJobDueAtOnceGetsNowAsItsDueDateSoTheAcquisitionNeedsNoNullCheck() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isEnsureJobDueDateNotNull())
        .isTrue();
    Job continuation = job();
    assertThat(continuation.getDuedate()).isNotNull();
    assertThat(engine.getManagementService().createJobQuery().jobId(continuation.getId()).executable().count())
        .isEqualTo(1);
  }

  @Test
  void theDueDateIndexExistsAfterStartUpAndPreparingAgainIsHarmless() throws Exception {
    assertThat(indexesOfJobTable()).contains(DueDateJobAcquisition.INDEX);
    assertThat(DueDateJobAcquisition.prepare(new JdbcTemplate(dataSource))).isZero();
    assertThat(indexesOfJobTable()).contains(DueDateJobAcquisition.INDEX);
  }

  @Test
  void aJobWithoutDueDateFromAnOlderDatabaseGetsItsCreationTimeAndStaysExecutable() {
    Job continuation = job();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?", continuation.getId());
    // The acquisition's own query no longer asks for jobs without a due date: this one would never run.
    assertThat(acquirableJobIds()).doesNotContain(continuation.getId());

    assertThat(DueDateJobAcquisition.prepare(jdbc)).isEqualTo(1);

    Job dated = job();
    assertThat(dated.getDuedate()).isEqualTo(dated.getCreateTime());
    assertThat(acquirableJobIds()).contains(dated.getId());
    engine.getManagementService().executeJob(dated.getId());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instanceId).count()).isEqualTo(1);
  }

  @Test
  void clearingAJobsDueDateMakesItDueNowInsteadOfUnseen() {
    Job continuation = job();
    // The engine clock a minute behind the real one: the date written is the clock's, and is due.
    Date now = new Date(continuation.getDuedate().getTime() - 60_000);
    ClockUtil.setCurrentTime(now);
    try {
      engine.getManagementService().setJobDuedate(continuation.getId(), null);
    } finally {
      ClockUtil.reset();
    }

    Job cleared = job();
    assertThat(cleared.getDuedate()).isEqualTo(now);
    assertThat(acquirableJobIds()).contains(cleared.getId());
  }

  @Test
  void clearingAJobsDueDateThroughRestMakesItDueNow() {
    Job continuation = job();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> noDate = new HashMap<>();
    noDate.put("duedate", null);
    ResponseEntity<String> cleared = http.withBasicAuth("demo", "demo").exchange(
        "/engine-rest/job/" + continuation.getId() + "/duedate", HttpMethod.PUT, new HttpEntity<>(noDate, headers),
        String.class);

    assertThat(cleared.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(job().getDuedate()).isNotNull();
    assertThat(acquirableJobIds()).contains(continuation.getId());
  }

  /** The jobs the executor's acquisition would lock next (its select, without taking the locks). */
  private List<String> acquirableJobIds() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.getJobManager().findNextJobsToExecute(new Page(0, Integer.MAX_VALUE)).stream()
            .map(AcquirableJobEntity::getId).toList());
  }

  private Job job() {
    return engine.getManagementService().createJobQuery().processInstanceId(instanceId).singleResult();
  }

  /** Index names of ACT_RU_JOB as the database reports them (upper case on H2, lower case on PostgreSQL). */
  private Set<String> indexesOfJobTable() throws Exception {
    Set<String> names = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      String table = connection.getMetaData().storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
      try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
        while (rs.next()) {
          if (rs.getString("INDEX_NAME") != null) {
            names.add(rs.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
          }
        }
      }
    }
    return names;
  }
}
