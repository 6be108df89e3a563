package org.policyflow.platform.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyflow.partner.PartnerFixtures.at;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import javax.sql.DataSource;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.shared.dossier.DocumentStore;
import org.policyflow.testsupport.DossierUploads;
import org.springframework.jdbc.core.JdbcTemplate;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * History cleanup as configured in application.yaml (removal-time based, window 01:00–05:00 China time),
 * with the time-to-live of model target-record shortened from ten years to 30 days for the test, the way an
 * operator changes it (engine API, also in Cockpit and REST). The engine clock is moved; the cleanup job is
 * executed as the job executor would once it is due, never waited for. Runs on H2 in {@code mvn test} and
 * on PostgreSQL in scripts/cluster-test.sh.
 */
@PolicyflowIntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class HistoryCleanupTest {

  static final String KEY = "target-record";
  static final int SHORT_TTL_DAYS = 30;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  @Autowired DocumentStore documents;
  @Autowired DataSource dataSource;
  RepositoryService repository;
  HistoryService history;
  ManagementService management;
  ProcessDefinition definition;
  Integer originalTtl;
  String batch;
  final List<String> started = new ArrayList<>();

  @BeforeEach
  void shortenTimeToLive() {
    repository = engine.getRepositoryService();
    history = engine.getHistoryService();
    management = engine.getManagementService();
    definition = repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
    originalTtl = definition.getHistoryTimeToLive();
    repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), SHORT_TTL_DAYS);
    batch = "CLEANUP-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void restore() {
    ClockUtil.reset();
    repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), originalTtl);
    engine.getRuntimeService().deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
    history.deleteHistoricProcessInstancesIfExists(started);
  }

  @Test
  void cleanupRemovesExpiredHistoryInsideTheWindowOnlyAndKeepsRunningInstances() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 10));
    ProcessInstance expired = finished("早已办结");
    ProcessInstance running = start("仍在办理");
    ClockUtil.setCurrentTime(at(2026, 3, 25, 10));
    ProcessInstance recent = finished("近期办结");

    assertThat(removalTime(expired).getTime()).isEqualTo(at(2026, 4, 1, 10).getTime());
    assertThat(removalTime(recent).getTime()).isEqualTo(at(2026, 4, 24, 10).getTime());
    assertThat(removalTime(running)).as("a running instance has no removal time").isNull();

    // Scheduled like the nightly run: the job falls due at the start of the next window.
    history.cleanUpHistoryAsync();
    Job cleanup = cleanupJob();
    assertThat(cleanup.getDuedate().getTime()).isEqualTo(at(2026, 3, 26, 1).getTime());

    // 2026-04-10 02:00 (inside the window): only the instance that ended more than 30 days ago goes.
    ClockUtil.setCurrentTime(at(2026, 4, 10, 2));
    assertThat(management.createJobQuery().jobId(cleanup.getId()).executable().count()).isEqualTo(1);
    management.executeJob(cleanup.getId());
    assertGone(expired);
    assertKept(running);
    assertKept(recent);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(running.getId()).count()).isEqualTo(1);

    // 2026-04-30 12:00 (outside the window): the recent one has expired meanwhile, but nothing is removed
    // and the job waits for the next window.
    ClockUtil.setCurrentTime(at(2026, 4, 30, 12));
    management.executeJob(cleanupJob().getId());
    assertKept(recent);
    assertThat(cleanupJob().getDuedate().getTime()).isEqualTo(at(2026, 5, 1, 1).getTime());

    // The next night it goes; the running instance's history stays whatever the date.
    ClockUtil.setCurrentTime(at(2026, 5, 1, 1));
    management.executeJob(cleanupJob().getId());
    assertGone(recent);
    assertKept(running);

    // The audit views still work on what is left: the search finds the running instance only, its
    // history opens.
    List<Map<String, Object>> rows = (List<Map<String, Object>>) audit("/api/audit/instances?businessKey=" + batch)
        .get("items");
    assertThat(rows).extracting(row -> row.get("id")).containsExactly(running.getId());
    assertThat(audit("/api/audit/instances/" + running.getId())).isNotEmpty();
    assertThat(http.withBasicAuth("qianfang", "demo").getForEntity("/api/audit/instances/" + expired.getId(),
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  /**
   * A case's dossier goes with its history: the documents (rows and contents) of a withdrawn application
   * are removed by the cleanup run that removes its history; a running application keeps its documents,
   * and its dossier still opens.
   */
  @Test
  void cleanupRemovesTheDossierDocumentsOfARemovedCaseAndKeepsThoseOfRunningCases() {
    ProcessDefinition application = repository.createProcessDefinitionQuery().processDefinitionKey("partner-application")
        .latestVersion().singleResult();
    Integer applicationTtl = application.getHistoryTimeToLive();
    repository.updateProcessDefinitionHistoryTimeToLive(application.getId(), SHORT_TTL_DAYS);
    try {
      ClockUtil.setCurrentTime(at(2026, 3, 2, 10));
      PartnerFixtures fixtures = new PartnerFixtures(engine);
      String callId = batch + "-CALL";
      started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()).getId());
      ProcessInstance withdrawn = withDocuments(fixtures, callId, 41, "application-form", "supporting-evidence");
      ProcessInstance running = withDocuments(fixtures, callId, 42, "application-form");
      engine.getRuntimeService().deleteProcessInstance(withdrawn.getId(), "申请人撤回申请");
      List<String> withdrawnDocuments = documents.list(withdrawn.getId()).stream().map(d -> d.id()).toList();
      assertThat(withdrawnDocuments).hasSize(2);

      history.cleanUpHistoryAsync();
      ClockUtil.setCurrentTime(at(2026, 4, 10, 2));
      management.executeJob(cleanupJob().getId());

      assertGone(withdrawn);
      assertThat(documents.list(withdrawn.getId())).isEmpty();
      assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM PF_DOSSIER_DOCUMENT WHERE ID_ IN (?, ?)",
          Integer.class, withdrawnDocuments.get(0), withdrawnDocuments.get(1))).isZero();
      assertKept(running);
      assertThat(documents.list(running.getId())).extracting(d -> d.type()).containsExactly("application-form");
      ResponseEntity<Map> dossier = http.withBasicAuth("wanglixin", "demo").getForEntity("/api/dossiers/" + running.getId(),
          Map.class);
      assertThat(dossier.getStatusCode()).isEqualTo(HttpStatus.OK);
    } finally {
      repository.updateProcessDefinitionHistoryTimeToLive(application.getId(), applicationTtl);
    }
  }

  private ProcessInstance withDocuments(PartnerFixtures fixtures, String callId, int n, String... types) {
    ProcessInstance instance = fixtures.startApplication("huanglei",
        PartnerFixtures.eligibleApplication(callId, n, "tz-locality-songzhuang"));
    started.add(instance.getId());
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Task_SubmitMaterials").singleResult().getId();
    for (String type : types) {
      ResponseEntity<Map> uploaded = DossierUploads.upload(http, "huanglei", task, type, type + ".pdf",
          DossierUploads.pdf(type + " " + n));
      assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.CREATED);
    }
    return instance;
  }

  private ProcessInstance start(String label) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, batch + "-" + label,
        Map.of("targetKey", "canal-talents", "targetValue", 120, "reporter", "wanglixin"));
    started.add(instance.getId());
    return instance;
  }

  private ProcessInstance finished(String label) {
    ProcessInstance instance = start(label);
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    engine.getTaskService().complete(task, Map.of("verification", "confirmed"));
    return instance;
  }

  private Date removalTime(ProcessInstance instance) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getRemovalTime();
  }

  private Job cleanupJob() {
    List<Job> jobs = history.findHistoryCleanupJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private void assertGone(ProcessInstance instance) {
    String id = instance.getId();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(id).count()).isZero();
    assertThat(history.createUserOperationLogQuery().processInstanceId(id).count()).isZero();
  }

  private void assertKept(ProcessInstance instance) {
    String id = instance.getId();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count()).isEqualTo(1);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).count()).isPositive();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).count()).isPositive();
  }

  private Map<String, Object> audit(String path) {
    ResponseEntity<Map> response = http.withBasicAuth("qianfang", "demo").getForEntity(path, Map.class);
    assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
