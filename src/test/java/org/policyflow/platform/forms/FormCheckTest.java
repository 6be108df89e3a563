package org.policyflow.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * What the server-side form check does besides refusing (FormRulesTableTest covers every rule of every
 * form): read-only fields are not taken from a submission, a field hidden by its condition is not
 * required, long allowed texts are stored and read back, wrong JSON shapes are refused before a
 * delegate sees them, and a refusal is logged in one line without a stack trace.
 */
@PolicyflowIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FormCheckTest {

  private static ProcessEngine usedEngine;
  private static String deployment;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void deployTestModel() throws IOException {
    usedEngine = engine;
    if (deployment != null) {
      return;
    }
    try (InputStream form = getClass().getResourceAsStream("/form-check/form-check-task.form")) {
      deployment = engine.getRepositoryService().createDeployment().name("form-check-test")
          .addInputStream("form-check-task.form", form)
          .addModelInstance("form-check-process.bpmn", Bpmn.createExecutableProcess("form-check-process")
              .name("表单检查测试").camundaHistoryTimeToLive(1).startEvent("StartEvent_Check").name("开始")
              .userTask("Task_Check").name("检查表单").camundaCandidateGroups("camunda-admin")
              .camundaDueDate("P1D").camundaPriority("50")
              .camundaFormRef("form-check-task").camundaFormRefBinding("deployment")
              .endEvent("EndEvent_Check").name("结束").done())
          .deploy().getId();
    }
  }

  @AfterAll
  static void removeTestModel() {
    if (deployment != null) {
      usedEngine.getRepositoryService().deleteDeployment(deployment, true, true);
      deployment = null;
    }
  }

  @Test
  void formReadOnlyFieldIsNotTakenFromTheSubmission() {
    ProcessInstance instance = start();
    Map<String, Object> variables = new HashMap<>(Map.of(
        "officialName", Map.of("value", "篡改后的名称"), "decision", Map.of("value", "approve")));
    // A list as Tasklist sends it when the instance already holds one: an Object still serialised as JSON.
    variables.put("items", Map.of("value", "[{\"name\":\"申报书\"}]", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json")));
    ResponseEntity<Map> response = http.withBasicAuth("demo", "demo").postForEntity(
        "/engine-rest/task/" + taskOf(instance).getId() + "/submit-form", Map.of("variables", variables), Map.class);
    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(204);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("officialName").singleResult().getValue()).isEqualTo("北京某单位");
  }

  @Test
  void formHiddenFieldIsNotRequiredButAShownOneIs() {
    ResponseEntity<Map> shown = submit(taskOf(start()), Map.of("decision", "return"));
    assertThat(shown.getStatusCode().value()).isEqualTo(400);
    assertThat(violations(shown)).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("field", "returnReason").containsEntry("ruleId", "FORM-REQUIRED"));
    assertThat((String) shown.getBody().get("message")).contains("请填写“退回理由”").contains("returnReason");

    assertThat(submit(taskOf(start()), Map.of("decision", "approve")).getStatusCode().value()).isEqualTo(204);
  }

  @Test
  void formMaxLengthAllowsALongTextWhichIsStoredAsJsonAndReadBackAsText() {
    ProcessInstance instance = start();
    String report = "研".repeat(4500);
    ResponseEntity<Map> response = submit(taskOf(instance), Map.of("decision", "approve", "report", report));
    assertThat(response.getStatusCode().value()).isEqualTo(204);
    TypedValue stored = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("report").singleResult().getTypedValue();
    assertThat(stored.getValue()).isEqualTo(report);
  }

  @Test
  void formMaxLengthAndTheSystemTextLimitRefuseLongerTexts() {
    Task task = taskOf(start());
    ResponseEntity<Map> tooLong = submit(task, Map.of("decision", "approve", "report", "研".repeat(5001)));
    assertThat(violations(tooLong)).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("field", "report").containsEntry("ruleId", "FORM-MAXLENGTH"));
    ResponseEntity<Map> beyondLimit = submit(task, Map.of("decision", "approve", "notes", "研".repeat(6001)));
    assertThat(violations(beyondLimit)).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("field", "notes").containsEntry("ruleId", "FORM-TEXT-LIMIT"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void formTypeLocalityQuotasOfAWrongJsonShapeAreRefusedBeforeTheCallStarts() {
    long calls = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("partner-call").count();
    Map<String, Object> variables = new HashMap<>(Map.of(
        "callYear", Map.of("value", 2026), "callTitle", Map.of("value", "2026年度通州区创新伙伴征集通知"),
        "applicationDeadline", Map.of("value", "2026-03-20"), "places", Map.of("value", 10)));
    variables.put("localityQuotas", Map.of("value", "{\"tz-locality-songzhuang\": 3}", "type", "Json"));
    ResponseEntity<Map> refused = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-call/start", Map.of("variables", variables), Map.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(violations(refused)).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("field", "localityQuotas").containsEntry("ruleId", "FORM-TYPE"));

    variables.put("localityQuotas", Map.of("value", "[{\"localityGroup\": \"tz-locality-songzhuang\", \"quota\": \"三\"}]",
        "type", "Json"));
    ResponseEntity<Map> wrongRow = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-call/submit-form", Map.of("variables", variables), Map.class);
    assertThat(violations(wrongRow)).singleElement()
        .satisfies(v -> assertThat(v).containsEntry("field", "localityQuotas[0].quota").containsEntry("ruleId", "FORM-TYPE"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("partner-call").count())
        .isEqualTo(calls);
  }

  @Test
  void calendarWDC_M1_aDeadlineInAYearTheCalendarLacksIsRefusedAtTheFieldWithTheLatestDeadline_notA500() {
    // The engine clock, not the machine's: the deadline must stay in the future, the period must reach 2027.
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
        java.time.OffsetDateTime.parse("2026-11-30T09:00+08:00").toInstant()));
    try {
      refuseCallReaching2027();
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private void refuseCallReaching2027() {
    long calls = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("partner-call").count();
    // Ten working days after 28 December 2026 reach into 2027, whose arrangement is not published.
    Map<String, Object> variables = Map.of(
        "callYear", Map.of("value", 2026), "callTitle", Map.of("value", "2026年度通州区创新伙伴征集通知（年末批次）"),
        "applicationDeadline", Map.of("value", "2026-12-28"), "places", Map.of("value", 10));
    for (String endpoint : List.of("submit-form", "start")) {
      ResponseEntity<Map> refused = http.withBasicAuth("wanglixin", "demo").postForEntity(
          "/engine-rest/process-definition/key/partner-call/" + endpoint, Map.of("variables", variables), Map.class);
      assertThat(refused.getStatusCode().value()).as(endpoint + ": " + refused.getBody()).isEqualTo(400);
      assertThat((String) refused.getBody().get("message")).contains("2027").contains("申报截止日期最晚可定为");
      assertThat(violations(refused)).singleElement().satisfies(v -> assertThat(v)
          .containsEntry("field", "applicationDeadline").containsEntry("ruleId", "WDC-M1"));
    }
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("partner-call").count())
        .isEqualTo(calls);
  }

  @Test
  void formRefusalsAreLoggedInOneLineWithoutStackTrace(CapturedOutput output) {
    int from = output.getOut().length();
    Map<String, Object> application = Map.of("callId", Map.of("value", "TZP-2026-99"),
        "independentLegalPerson", Map.of("value", "yes"), "declaredAccidentDate", Map.of("value", "2025年3月1日"));
    for (String endpoint : List.of("submit-form", "start")) {
      ResponseEntity<Map> refused = http.withBasicAuth("huanglei", "demo").postForEntity(
          "/engine-rest/process-definition/key/partner-application/" + endpoint, Map.of("variables", application), Map.class);
      assertThat(refused.getStatusCode().value()).isEqualTo(400);
      assertThat(violations(refused)).anySatisfy(v -> assertThat(v).containsEntry("field", "independentLegalPerson")
          .containsEntry("ruleId", "FORM-TYPE"));
      assertThat(violations(refused)).anySatisfy(v -> assertThat(v).containsEntry("field", "declaredAccidentDate")
          .containsEntry("ruleId", "FORM-TYPE"));
    }
    String logged = output.getOut().substring(from) + output.getErr();
    assertThat(logged.lines().filter(line -> line.contains("Refused: user=huanglei process=partner-application")))
        .hasSize(2).allSatisfy(line -> assertThat(line).contains("FORM-TYPE independentLegalPerson")
            .contains("FORM-REQUIRED contactName"));
    assertThat(logged).doesNotContain("ENGINE-16004").doesNotContain("\tat org.camunda").doesNotContain(" ERROR ");
  }

  private ProcessInstance start() {
    return engine.getRuntimeService().startProcessInstanceByKey("form-check-process",
        Map.of("officialName", "北京某单位"));
  }

  private Task taskOf(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private ResponseEntity<Map> submit(Task task, Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", variables), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> violations(ResponseEntity<Map> response) {
    return (List<Map<String, Object>>) response.getBody().get("violations");
  }
}
