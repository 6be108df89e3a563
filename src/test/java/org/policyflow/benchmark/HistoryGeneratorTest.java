package org.policyflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.dossier.DocumentStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The history generator of the history benchmark (docs/history.md) at a small size: what it writes reads
 * through the engine's own history API and the audit views like history the engine wrote itself — trees of
 * called yearly instances, tasks with assignees, typed variables with their updates, the operation log, the
 * dossier's documents, removal times — and goes again with the engine's history deletion.
 */
@PolicyflowIntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class HistoryGeneratorTest {

  static final int INSTANCES = 300;
  static final long NOW = 1_795_000_000_000L; // 2026-11-17

  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  @Autowired DocumentStore documents;
  @Autowired TestRestTemplate http;
  final String tag = "HISTGEN-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void removeGenerated() {
    HistoryService history = engine.getHistoryService();
    List<String> ids = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(tag + "%").list()
        .stream().map(HistoricProcessInstance::getId).toList();
    if (!ids.isEmpty()) {
      history.deleteHistoricProcessInstancesBulk(ids);
      // The engine's deletion keeps the operation log (an audit trail of its own); generated entries go here.
      new JdbcTemplate(dataSource).batchUpdate("DELETE FROM ACT_HI_OP_LOG WHERE PROC_INST_ID_ = ?",
          ids.stream().map(id -> new Object[] {id}).toList());
    }
    documents.removeDocumentsOfRemovedCases();
  }

  @Test
  void generatedHistoryHasTheEnginesShapeAcrossAllProgrammesAndReadsThroughTheAuditViews() throws Exception {
    HistoryGenerator.Shape shape = new HistoryGenerator(engine, dataSource).generate(INSTANCES, tag, NOW, 21);
    HistoryService history = engine.getHistoryService();

    assertThat(shape.instances()).isEqualTo(INSTANCES);
    assertThat(shape.rootsPerProcess().keySet()).containsExactlyInAnyOrderElementsOf(
        HistoryGenerator.PROGRAMMES.stream().map(HistoryGenerator.Programme::key).toList());
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(tag + "%").count())
        .isEqualTo(INSTANCES);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(tag + "%").unfinished()
        .count()).as("all generated cases have ended").isZero();
    // Ten years before NOW, every instance ended before it, removal time = end + the model's ten years.
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike(tag + "%").list()) {
      assertThat(instance.getStartTime().getTime()).isBetween(NOW - Duration.ofDays(3650).toMillis(), NOW);
      assertThat(instance.getEndTime().getTime()).isBetween(instance.getStartTime().getTime(), NOW);
      HistoricProcessInstance root = history.createHistoricProcessInstanceQuery()
          .processInstanceId(instance.getRootProcessInstanceId()).singleResult();
      assertThat(instance.getRemovalTime().getTime())
          .isEqualTo(root.getEndTime().getTime() + Duration.ofDays(3650).toMillis());
    }

    // A three-year cooperation: three yearly instances called from it, each a tree member with its own path.
    String cooperation = shape.cooperationIds().get(0);
    List<HistoricProcessInstance> years = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(cooperation).orderByProcessInstanceStartTime().asc().list();
    assertThat(years).hasSize(3).allSatisfy(year -> {
      assertThat(year.getProcessDefinitionKey()).isEqualTo("partner-cooperation-year");
      assertThat(year.getRootProcessInstanceId()).isEqualTo(cooperation);
    });
    // The generator draws a case's length between half and all of its typical length (1,095 days for a
    // cooperation) and starts the yearly instances after the first sixth: at least 5/6 × 547 ≈ 456 days,
    // whatever the random stream (which shifts with the number of demo users).
    assertThat(years.get(2).getEndTime().getTime() - years.get(0).getStartTime().getTime())
        .as("the yearly instances span most of the cooperation").isGreaterThan(Duration.ofDays(450).toMillis());
    List<HistoricActivityInstance> calls = history.createHistoricActivityInstanceQuery().processInstanceId(cooperation)
        .activityType("callActivity").list();
    assertThat(calls).extracting(HistoricActivityInstance::getCalledProcessInstanceId)
        .containsExactlyInAnyOrderElementsOf(years.stream().map(HistoricProcessInstance::getId).toList());

    // Tasks with assignees, completed; one completion and one claim each in the operation log.
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceId(cooperation).list();
    assertThat(tasks).isNotEmpty().allSatisfy(task -> {
      assertThat(task.getAssignee()).isNotBlank();
      assertThat(task.getDeleteReason()).isEqualTo("completed");
      assertThat(history.createHistoricActivityInstanceQuery().activityInstanceId(task.getActivityInstanceId())
          .singleResult().getTaskId()).isEqualTo(task.getId());
    });
    assertThat(history.createUserOperationLogQuery().processInstanceId(cooperation)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count()).isEqualTo(tasks.size());

    // Typed variables, each with its update in the details.
    Map<String, Object> variables = history.createHistoricVariableInstanceQuery().processInstanceId(cooperation).list()
        .stream().collect(java.util.stream.Collectors.toMap(HistoricVariableInstance::getName,
            HistoricVariableInstance::getValue));
    assertThat(variables.get("organisationName")).isInstanceOf(String.class).isIn(shape.organisationNames());
    assertThat(history.createHistoricDetailQuery().processInstanceId(cooperation).variableUpdates().count())
        .isEqualTo(variables.size());
    HistoricProcessInstance consortium = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike(tag + "%").processDefinitionKey("bj-consortium").listPage(0, 1).get(0);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(consortium.getId())
        .variableName("supported").singleResult().getValue()).isInstanceOf(Boolean.class);

    // The case's dossier: the agreement and one annual report per year.
    assertThat(documents.list(cooperation)).extracting(d -> d.type())
        .containsExactlyInAnyOrder("signed-tri-party-agreement", "annual-report", "annual-report", "annual-report");

    // The audit views read it: search by organisation, instance history with its called years.
    Map<String, Object> found = audit("/api/audit/instances?party=" + variables.get("organisationName"));
    assertThat((List<Map<String, Object>>) found.get("items")).extracting(row -> row.get("id")).contains(cooperation);
    Map<String, Object> view = audit("/api/audit/instances/" + cooperation);
    assertThat((List<?>) view.get("called")).hasSize(3);
    assertThat((List<?>) view.get("timeline")).hasSizeGreaterThan(tasks.size());
    assertThat((List<?>) view.get("operations")).hasSize(2 * tasks.size());

    // Removed with the engine's history deletion, the documents with the next cleanup.
    removeGenerated();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(tag + "%").count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(cooperation).count()).isZero();
    assertThat(documents.list(cooperation)).isEmpty();
  }

  private Map<String, Object> audit(String path) {
    ResponseEntity<Map> response = http.withBasicAuth("qianfang", "demo").getForEntity(path, Map.class);
    assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
