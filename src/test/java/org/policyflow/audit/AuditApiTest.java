package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyflow.partner.PartnerFixtures.at;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.PartnerFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The audit API the Cockpit plugins rely on, called as the auditor 钱芳 (qianfang) on a completed partner
 * application: a locality clerk's decline was first refused for lacking a reason (TZP-D1), then declined
 * with a reason, and the applicant acknowledged the outcome.
 */
@PolicyflowIntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class AuditApiTest {

  static final String SONGZHUANG = "tz-locality-songzhuang";

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  PartnerFixtures fixtures;
  final List<String> started = new ArrayList<>();
  final List<String> deployments = new ArrayList<>();
  String callId;
  String organisation;
  String creditCode;
  ProcessInstance application;

  @BeforeEach
  void completedApplication() {
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    callId = "TZP-AUD-" + suffix;
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()).getId());
    organisation = "审计测试科技有限公司" + suffix;
    int n = Math.abs(suffix.hashCode() % 9_000_000);
    creditCode = PartnerFixtures.creditCode(n);
    Map<String, Object> facts = PartnerFixtures.eligibleApplication(callId, n, SONGZHUANG);
    facts.put("organisationName", organisation);
    application = fixtures.apply("huanglei", facts);
    started.add(application.getId());

    ClockUtil.setCurrentTime(at(2026, 3, 3, 10));
    String recommend = task(application).getId();
    ResponseEntity<String> refused = http.withBasicAuth("sunpeng", "demo").postForEntity(
        "/engine-rest/task/" + recommend + "/submit-form",
        Map.of("variables", Map.of("recommendation", Map.of("value", "decline"))), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ClockUtil.setCurrentTime(at(2026, 3, 3, 11));
    fixtures.completeAs("sunpeng", List.of(SONGZHUANG), recommend,
        Map.of("recommendation", "decline", "declineReason", "研发方向与本地产业需求不匹配"));
    ClockUtil.setCurrentTime(at(2026, 3, 4, 15));
    fixtures.completeAs("huanglei", List.of("applicants"), task(application).getId(), Map.of("acknowledged", true));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(application.getId()).singleResult().getState()).isEqualTo("COMPLETED");
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getRuntimeService().deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
    engine.getHistoryService().deleteHistoricProcessInstancesIfExists(started);
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void searchFindsTheCompletedApplicationByOrganisationCreditCodeStateProcessAndDate() {
    Map<String, Object> byName = get("/api/audit/instances?party=" + organisation);
    assertThat(byName.get("total")).isEqualTo(1);
    Map<String, Object> row = items(byName).get(0);
    assertThat(row).containsEntry("id", application.getId()).containsEntry("processKey", "partner-application")
        .containsEntry("state", "completed").containsEntry("stateLabel", "已完成")
        .containsEntry("organisationName", organisation).containsEntry("creditCode", creditCode)
        .containsEntry("startUserId", "huanglei").containsEntry("startUserName", "黄磊")
        .containsEntry("businessKey", callId + ":" + creditCode);

    assertThat(ids("/api/audit/instances?party=" + creditCode.toLowerCase())).containsExactly(application.getId());
    assertThat(ids("/api/audit/instances?processKey=partner-application&state=completed&businessKey=" + callId))
        .containsExactly(application.getId());
    assertThat(ids("/api/audit/instances?businessKey=" + callId + "&state=running")).doesNotContain(application.getId());
    assertThat(ids("/api/audit/instances?businessKey=" + callId + "&from=2026-03-02&to=2026-03-02"))
        .contains(application.getId());
    assertThat(ids("/api/audit/instances?businessKey=" + callId + "&from=2026-03-03")).isEmpty();
    // The call itself is still running; both are found by its id, newest first, one per page.
    Map<String, Object> page = get("/api/audit/instances?businessKey=" + callId + "&maxResults=1&firstResult=1");
    assertThat(page.get("total")).isEqualTo(2);
    assertThat(items(page)).hasSize(1);
    // A text filter's total comes with its rows; a page past the end has none and still says how many match.
    Map<String, Object> pastTheEnd = get("/api/audit/instances?businessKey=" + callId + "&maxResults=1&firstResult=5");
    assertThat(pastTheEnd.get("total")).isEqualTo(2);
    assertThat(items(pastTheEnd)).isEmpty();
    assertThat(get("/api/audit/instances?party=" + organisation + "&firstResult=3").get("total")).isEqualTo(1);
    assertThat(ids("/api/audit/instances?party=黄磊&businessKey=" + callId)).containsExactly(application.getId());
    assertThat(ids("/api/audit/instances?party=无此单位" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void theSearchResultExportsAsCsvWithChineseHeadings() {
    ResponseEntity<byte[]> csv = http.withBasicAuth("qianfang", "demo")
        .getForEntity("/api/audit/instances.csv?party=" + organisation, byte[].class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getHeaders().getContentDisposition().isAttachment()).isTrue();
    String text = new String(csv.getBody(), StandardCharsets.UTF_8);
    String[] lines = text.split("\r\n");
    assertThat(lines[0]).startsWith("\uFEFF流程实例ID,流程,").contains("申报单位", "统一社会信用代码", "状态");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains(application.getId(), organisation, creditCode, "已完成", "黄磊", "2026-03-02 09:00:00");
  }

  @Test
  void instanceHistoryHasTheTimelineWithWhoCompletedEachTaskAndTheRuleDecisions() {
    Map<String, Object> history = get("/api/audit/instances/" + application.getId());
    assertThat((Map<String, Object>) history.get("instance")).containsEntry("state", "completed");
    List<Map<String, Object>> timeline = list(history, "timeline");

    Map<String, Object> recommend = entry(timeline, "activityId", "Task_RecommendApplication", "kind", "activity");
    assertThat(recommend).containsEntry("typeLabel", "人工任务");
    assertThat((Map<String, Object>) recommend.get("completedBy")).containsEntry("id", "sunpeng").containsEntry("name", "孙鹏");
    assertThat(recommend.get("time").toString()).startsWith("2026-03-02T09:00");
    assertThat(recommend.get("end").toString()).startsWith("2026-03-03T11:00");
    assertThat(((Number) recommend.get("durationMs")).longValue()).isEqualTo(26L * 3600 * 1000);
    Map<String, Object> acknowledge = entry(timeline, "activityId", "Task_AcknowledgeOutcome", "kind", "activity");
    assertThat((Map<String, Object>) acknowledge.get("completedBy")).containsEntry("name", "黄磊");
    assertThat(timeline).anySatisfy(e -> assertThat(e).containsEntry("activityId", "EndEvent_NotRecommended"));

    // The decline without a reason is refused by the recommendation form's own rule (its label names TZP-D1).
    Map<String, Object> refusal = entry(timeline, "rule", "FORM-REQUIRED", "kind", "rule");
    assertThat(refusal).containsEntry("passed", false).containsEntry("field", "declineReason")
        .containsEntry("typeLabel", "规则拒绝（已回退）");
    assertThat((String) refusal.get("reasonZh")).isNotBlank();
    assertThat((Map<String, Object>) refusal.get("actor")).containsEntry("name", "孙鹏");
    assertThat(refusal.get("time").toString()).startsWith("2026-03-03T10:00");
    assertThat(timeline.stream().filter(e -> "rule".equals(e.get("kind")) && "eligibility".equals(e.get("type"))))
        .extracting(e -> e.get("rule")).contains("TZP-E1", "TZP-E2", "TZP-E5", "TZP-E6");

    Map<String, Object> counts = (Map<String, Object>) history.get("activityCounts");
    assertThat(counts).containsEntry("Task_RecommendApplication", 1).containsEntry("EndEvent_NotRecommended", 1);
    assertThat(strings(history, "activeActivityIds")).isEmpty();
    // The eligible application went to its locality: the flow for ineligible ones is not marked.
    List<Object> flows = strings(history, "takenFlowIds");
    String model = http.withBasicAuth("qianfang", "demo")
        .getForObject("/api/audit/instances/" + application.getId() + "/diagram", String.class);
    assertThat(flows).isNotEmpty().allSatisfy(f -> assertThat(model).contains("id=\"" + f + "\""));
    org.camunda.bpm.model.bpmn.BpmnModelInstance bpmn = engine.getRepositoryService().getBpmnModelInstance(
        engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("partner-application")
            .latestVersion().singleResult().getId());
    for (org.camunda.bpm.model.bpmn.instance.SequenceFlow flow
        : bpmn.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.SequenceFlow.class)) {
      if (flow.getTarget().getId().equals("Task_RecommendApplication")) {
        assertThat(flows).contains(flow.getId());
      }
      if (flow.getTarget().getId().equals("Task_RecordRecommendationLapsed")) {
        assertThat(flows).doesNotContain(flow.getId());
      }
    }
    assertThat(flows).contains("SequenceFlow_Eligible", "SequenceFlow_NotRecommended")
        .doesNotContain("SequenceFlow_NotEligible", "SequenceFlow_Recommended");
  }

  @Test
  void variablesOverTimeAndTheUserOperationLogNameWhoAndWhen() {
    Map<String, Object> history = get("/api/audit/instances/" + application.getId());
    List<Map<String, Object>> variables = list(history, "variables");
    Map<String, Object> name = entry(variables, "name", "organisationName", "value", organisation);
    assertThat(name).containsEntry("context", "流程启动");
    Map<String, Object> reason = entry(variables, "name", "declineReason", "value", "研发方向与本地产业需求不匹配");
    assertThat((String) reason.get("context")).startsWith("表单提交：");
    assertThat((Map<String, Object>) reason.get("by")).containsEntry("id", "sunpeng").containsEntry("name", "孙鹏");
    assertThat(reason.get("time").toString()).startsWith("2026-03-03T11:00");
    assertThat(variables).anySatisfy(v -> assertThat(v).containsEntry("name", "ruleRefusals"));

    List<Map<String, Object>> operations = list(history, "operations");
    assertThat(operations).anySatisfy(o -> {
      assertThat(o).containsEntry("operationType", "Complete").containsEntry("operationLabel", "完成");
      assertThat((Map<String, Object>) o.get("user")).containsEntry("name", "孙鹏");
    });
    assertThat(operations).anySatisfy(o -> assertThat((Map<String, Object>) o.get("user")).containsEntry("id", "huanglei"));
  }

  @Test
  void theDiagramIsTheModelOfTheInstancesVersion() {
    ResponseEntity<String> xml = http.withBasicAuth("qianfang", "demo")
        .getForEntity("/api/audit/instances/" + application.getId() + "/diagram", String.class);
    assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(xml.getBody()).contains("<bpmn:process id=\"partner-application\"", "BPMNDiagram", "Task_RecommendApplication");
  }

  @Test
  void calledAndCallingInstancesAreLinkedBothWaysAndIncidentsShowTheirMessage() {
    deployments.add(engine.getRepositoryService().createDeployment().name("audit-test")
        .addModelInstance("audit-test-callee.bpmn", Bpmn.createExecutableProcess("audit-test-callee")
            .name("审计测试子流程").camundaHistoryTimeToLive(3650)
            .startEvent("StartEvent_Callee").name("开始").userTask("Task_Check").name("核对")
            .camundaCandidateGroups("tz-sti").camundaDueDate("${dateTime().plusDays(7).toDate()}").camundaPriority("50")
            .camundaFormRef("test-confirm").camundaFormRefBinding("deployment")
            .endEvent("EndEvent_Callee").name("结束").done())
        .addClasspathResource("test-forms/test-confirm.form")
        .addModelInstance("audit-test-caller.bpmn", Bpmn.createExecutableProcess("audit-test-caller")
            .name("审计测试主流程").camundaHistoryTimeToLive(3650)
            .startEvent("StartEvent_Caller").name("开始").callActivity("CallActivity_Check").name("调用核对")
            .calledElement("audit-test-callee").endEvent("EndEvent_Caller").name("结束").done())
        .deploy().getId());
    ProcessInstance caller = engine.getRuntimeService().startProcessInstanceByKey("audit-test-caller", "AUD-CALL-1");
    started.add(caller.getId());
    ProcessInstance callee = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(caller.getId()).singleResult();
    engine.getRuntimeService().createIncident("audit-test", callee.getId(), "cfg", "外部系统无响应：信用平台接口超时");

    Map<String, Object> parent = get("/api/audit/instances/" + caller.getId());
    assertThat(list(parent, "called")).singleElement().satisfies(l -> assertThat(l)
        .containsEntry("id", callee.getId()).containsEntry("activityId", "CallActivity_Check")
        .containsEntry("processName", "审计测试子流程"));
    Map<String, Object> child = get("/api/audit/instances/" + callee.getId());
    assertThat((Map<String, Object>) child.get("calledBy")).containsEntry("id", caller.getId())
        .containsEntry("activityName", "调用核对");
    assertThat(list(child, "incidents")).singleElement().satisfies(i -> assertThat(i)
        .containsEntry("message", "外部系统无响应：信用平台接口超时").containsEntry("state", "未解决"));
    Map<String, Object> counts = (Map<String, Object>) child.get("activityCounts");
    assertThat(counts).containsEntry("Task_Check", 1);
    assertThat(strings(child, "activeActivityIds")).containsExactly("Task_Check");
  }

  @Test
  void deadlinesShowTimersAndTasksDueWithinTheHorizonAndThoseOverdue() {
    ProcessInstance open = fixtures.apply("huanglei", PartnerFixtures.eligibleApplication(callId, 77, SONGZHUANG));
    started.add(open.getId());
    // The locality's task and the call's recommendation timer both fall due at the start of 2026-04-04:
    // beyond the default 30 days from 2026-03-04 15:00, within 40.
    Map<String, Object> month = get("/api/audit/deadlines");
    assertThat(month.get("horizonDays")).isEqualTo(30);
    assertThat(list(month, "upcoming")).noneSatisfy(i -> assertThat(i.get("businessKey").toString()).startsWith(callId));
    List<Map<String, Object>> upcoming = list(get("/api/audit/deadlines?days=40"), "upcoming");
    assertThat(upcoming).anySatisfy(i -> assertThat(i).containsEntry("kind", "timer").containsEntry("kindLabel", "定时节点")
        .containsEntry("processKey", "partner-call").containsEntry("businessKey", callId)
        .containsEntry("overdue", false).containsEntry("daysLeft", 30));
    assertThat(upcoming).anySatisfy(i -> assertThat(i).containsEntry("kind", "task")
        .containsEntry("processInstanceId", open.getId()).containsEntry("processName", "创新伙伴计划申报")
        .satisfies(t -> assertThat((List<Object>) t.get("candidateGroups")).containsExactly("宋庄镇人民政府")));

    ClockUtil.setCurrentTime(at(2026, 4, 10, 9));
    List<Map<String, Object>> overdue = list(get("/api/audit/deadlines"), "overdue");
    assertThat(overdue).anySatisfy(i -> assertThat(i).containsEntry("processInstanceId", open.getId())
        .containsEntry("overdue", true));
    assertThat(overdue).anySatisfy(i -> assertThat(i).containsEntry("kind", "timer").containsEntry("businessKey", callId));
  }

  @Test
  void theCockpitLoginReadsTheAuditApiAndNothingElseOfTheProjectApi() {
    CockpitSession cockpit = CockpitSession.login(http, "qianfang", "demo");
    ResponseEntity<Map> withSession = http.exchange("/api/audit/instances?party=" + organisation, HttpMethod.GET,
        new HttpEntity<>(cockpit.headers()), Map.class);
    assertThat(withSession.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(withSession.getBody().get("total")).isEqualTo(1);
    // Modifying project endpoints and the engine REST API still require credentials of their own.
    assertThat(http.exchange("/api/calendar/reload", HttpMethod.POST, new HttpEntity<>(cockpit.headers()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.exchange("/engine-rest/history/process-instance", HttpMethod.GET,
        new HttpEntity<>(cockpit.headers()), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/audit/instances", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyUsersWithHistoryRightsReadTheAuditApi() {
    for (String path : List.of("/api/audit/instances", "/api/audit/targets", "/api/audit/deadlines",
        "/api/audit/processes", "/api/audit/instances/" + application.getId())) {
      assertThat(http.withBasicAuth("huanglei", "demo").getForEntity(path, String.class).getStatusCode())
          .as(path).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("/api/audit/processes")).containsKeys("partner-application", "partner-call", "target-record");
  }

  private Task task(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private Map<String, Object> get(String path) {
    ResponseEntity<Map> response = http.withBasicAuth("qianfang", "demo").getForEntity(path, Map.class);
    assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private List<Object> ids(String path) {
    return items(get(path)).stream().map(i -> i.get("id")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    return (List<Map<String, Object>>) map.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> strings(Map<String, Object> map, String key) {
    return (List<Object>) map.get(key);
  }

  private static Map<String, Object> entry(List<Map<String, Object>> entries, String key, Object value,
      String key2, Object value2) {
    return entries.stream().filter(e -> value.equals(e.get(key)) && value2.equals(e.get(key2))).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + key + "=" + value + ", " + key2 + "=" + value2 + " in " + entries));
  }
}
