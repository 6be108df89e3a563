package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The auditor (钱芳, group auditors) reads everything and changes nothing: beyond AccessRulesTest, every
 * modifying engine REST call of migration, modification, jobs, incidents, deployments, external tasks,
 * batches and history answers 403.
 */
@PolicyflowIntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class AuditorReadOnlyTest {

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  final List<String> started = new ArrayList<>();
  String deploymentId;
  String definitionId;
  ProcessInstance instance;
  ProcessInstance cancelled;
  Incident incident;
  Batch batch;

  @BeforeEach
  void work() {
    deploymentId = engine.getRepositoryService().createDeployment().name("audit-read-only-test")
        .addModelInstance("audit-readonly.bpmn", Bpmn.createExecutableProcess("audit-readonly")
            .name("只读测试").camundaHistoryTimeToLive(3650)
            .startEvent("StartEvent_Readonly").name("开始")
            .serviceTask("Task_External").name("外部任务").camundaExternalTask("audit-readonly")
            .boundaryEvent("Timer_Reminder").name("提醒").cancelActivity(false).timerWithDuration("P1D")
            .endEvent("EndEvent_Reminded").name("已提醒")
            .moveToActivity("Task_External").userTask("Task_Review").name("审核")
            .camundaCandidateGroups("tz-sti").camundaDueDate("${dateTime().plusDays(7).toDate()}").camundaPriority("50")
            .camundaFormRef("test-confirm").camundaFormRefBinding("deployment")
            .endEvent("EndEvent_Readonly").name("结束").done())
        .addClasspathResource("test-forms/test-confirm.form")
        .deploy().getId();
    definitionId = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId)
        .singleResult().getId();
    instance = engine.getRuntimeService().startProcessInstanceByKey("audit-readonly", "AUD-RO");
    started.add(instance.getId());
    ProcessInstance second = engine.getRuntimeService().startProcessInstanceByKey("audit-readonly", "AUD-RO-2");
    started.add(second.getId());
    cancelled = engine.getRuntimeService().startProcessInstanceByKey("audit-readonly", "AUD-RO-3");
    started.add(cancelled.getId());
    engine.getRuntimeService().deleteProcessInstance(cancelled.getId(), "cancelled by the admin");
    incident = engine.getRuntimeService().createIncident("audit-test", engine.getExternalTaskService()
        .createExternalTaskQuery().processInstanceId(instance.getId()).singleResult().getExecutionId(), "cfg", "测试事件");
    batch = engine.getRuntimeService().deleteProcessInstancesAsync(List.of(second.getId()), "batch of the admin");
  }

  @AfterEach
  void cleanUp() {
    if (batch != null) {
      engine.getManagementService().deleteBatch(batch.getId(), true);
    }
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
    engine.getHistoryService().deleteHistoricProcessInstancesIfExists(started);
  }

  @Test
  void anAuditorCannotMigrateModifyRetryResolveDeleteOrRunBatches() {
    String pi = instance.getId();
    String externalTask = engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(pi)
        .singleResult().getId();
    Map<String, Object> plan = Map.of("sourceProcessDefinitionId", definitionId, "targetProcessDefinitionId",
        definitionId, "instructions", List.of(Map.of("sourceActivityIds", List.of("Task_External"),
            "targetActivityIds", List.of("Task_External"))));

    forbidden(HttpMethod.POST, "/engine-rest/migration/execute", Map.of("migrationPlan", plan, "processInstanceIds", List.of(pi)));
    forbidden(HttpMethod.POST, "/engine-rest/migration/executeAsync", Map.of("migrationPlan", plan, "processInstanceIds", List.of(pi)));
    forbidden(HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/modification",
        Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_Review"))));
    forbidden(HttpMethod.POST, "/engine-rest/modification/execute", Map.of("processDefinitionId", definitionId,
        "processInstanceIds", List.of(pi), "instructions", List.of(Map.of("type", "cancel", "activityId", "Task_External"))));
    forbidden(HttpMethod.POST, "/engine-rest/process-definition/" + definitionId + "/restart",
        Map.of("processInstanceIds", List.of(cancelled.getId()), "instructions",
            List.of(Map.of("type", "startAfterActivity", "activityId", "StartEvent_Readonly"))));
    String job = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult().getId();
    forbidden(HttpMethod.PUT, "/engine-rest/job/" + job + "/retries", Map.of("retries", 3));
    forbidden(HttpMethod.POST, "/engine-rest/job/retries", Map.of("retries", 3, "jobIds", List.of(job)));
    forbidden(HttpMethod.POST, "/engine-rest/job/" + job + "/execute", null);
    forbidden(HttpMethod.PUT, "/engine-rest/job/" + job + "/duedate", Map.of("duedate", "2030-01-01T00:00:00.000+0800"));
    forbidden(HttpMethod.PUT, "/engine-rest/job-definition/" + engine.getManagementService().createJobDefinitionQuery()
        .processDefinitionId(definitionId).list().get(0).getId() + "/suspended", Map.of("suspended", true));
    forbidden(HttpMethod.DELETE, "/engine-rest/incident/" + incident.getId(), null);
    forbidden(HttpMethod.PUT, "/engine-rest/incident/" + incident.getId() + "/annotation", Map.of("annotation", "x"));
    forbidden(HttpMethod.DELETE, "/engine-rest/deployment/" + deploymentId + "?cascade=true", null);
    // Fetching external tasks locks them: not an auditor's operation at all (access-policy.yaml, #16).
    forbidden(HttpMethod.POST, "/engine-rest/external-task/fetchAndLock",
        Map.of("workerId", "qianfang", "maxTasks", 5, "topics", List.of(Map.of("topicName", "audit-readonly", "lockDuration", 60000))));

    // Locked by a worker, as in production: the auditor naming that worker is refused by authorization.
    engine.getExternalTaskService().fetchAndLock(1, "credit-worker").topic("audit-readonly", 60_000).execute();
    forbidden(HttpMethod.POST, "/engine-rest/external-task/" + externalTask + "/complete", Map.of("workerId", "credit-worker"));
    forbidden(HttpMethod.POST, "/engine-rest/external-task/" + externalTask + "/failure",
        Map.of("workerId", "credit-worker", "errorMessage", "x", "retries", 0));
    forbidden(HttpMethod.POST, "/engine-rest/external-task/" + externalTask + "/unlock", null);
    forbidden(HttpMethod.PUT, "/engine-rest/external-task/" + externalTask + "/retries", Map.of("retries", 0));
    forbidden(HttpMethod.PUT, "/engine-rest/external-task/" + externalTask + "/priority", Map.of("priority", 9));
    forbidden(HttpMethod.POST, "/engine-rest/process-instance/delete", Map.of("processInstanceIds", List.of(pi)));
    forbidden(HttpMethod.POST, "/engine-rest/process-instance/suspended-async", Map.of("processInstanceIds", List.of(pi), "suspended", true));
    forbidden(HttpMethod.DELETE, "/engine-rest/batch/" + batch.getId(), null);
    forbidden(HttpMethod.PUT, "/engine-rest/batch/" + batch.getId() + "/suspended", Map.of("suspended", true));
    forbidden(HttpMethod.POST, "/engine-rest/history/process-instance/delete", Map.of("historicProcessInstanceIds", List.of(pi)));
    forbidden(HttpMethod.POST, "/engine-rest/history/process-instance/set-removal-time",
        Map.of("historicProcessInstanceIds", List.of(pi), "absoluteRemovalTime", "2030-01-01T00:00:00.000+0800"));
    forbidden(HttpMethod.PUT, "/engine-rest/process-definition/" + definitionId + "/history-time-to-live",
        Map.of("historyTimeToLive", 1));
    forbidden(HttpMethod.POST, "/engine-rest/task/create", Map.of("name", "私建任务"));

    assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(externalTask).singleResult()
        .getWorkerId()).isEqualTo("credit-worker");
    assertThat(engine.getRuntimeService().createIncidentQuery().incidentId(incident.getId()).count()).isOne();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).active().count()).isOne();
    assertThat(engine.getManagementService().createBatchQuery().batchId(batch.getId()).active().count()).isOne();
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count()).isOne();
  }

  private void forbidden(HttpMethod method, String path, Object body) {
    ResponseEntity<String> response = http.withBasicAuth("qianfang", "demo")
        .exchange(path, method, body == null ? HttpEntity.EMPTY : new HttpEntity<>(body), String.class);
    assertThat(response.getStatusCode()).as(method + " " + path + " -> " + response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
