package org.policyflow.shared.notice;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.rules.MessageRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * public-notice (TZP-N1): 5 working days of public notice, objections verified by tz-sti, upheld ones
 * remove the candidate, the list is final after the period and after every open verification.
 */
@PolicyflowIntegrationTest
class PublicNoticeProcessTest {

  static final String SONGZHUANG = "app-songzhuang-001";
  static final String ZGC = "app-zgc-002";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired TestRestTemplate http;

  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    for (String id : started) {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtimeService.deleteProcessInstance(id, "test cleanup");
      }
    }
  }

  @Test
  void noticeTZP_N1_endsAtTheEndOfTheFifthWorkingDayAfterNationalDayAndTheListIsFinal() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");

    // 2026-09-30 + 5 working days: National Day 10-01…10-07, make-up Saturday 10-10 → ends 2026-10-13 24:00.
    Assertions.assertThat(runtimeService.getVariable(notice.getId(), "noticeEndsAt")).isEqualTo(at("2026-10-14T00:00+08:00"));
    Assertions.assertThat(runtimeService.getVariable(notice.getId(), "noticeStartedAt")).isEqualTo(at("2026-09-30T10:00+08:00"));
    assertThat(notice).isWaitingAt("TimerEvent_NoticePeriodEnded");
    Job timer = managementService.createJobQuery().processInstanceId(notice.getId()).timers().singleResult();
    Assertions.assertThat(timer.getDuedate()).isEqualTo(at("2026-10-14T00:00+08:00"));

    clock("2026-10-13T23:59+08:00");
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(notice.getId()).executable().count()).isZero();

    endPeriodAndFinalise(notice);

    assertThat(notice).hasPassed("EndEvent_NoticePeriodOver", "Task_ConfirmNoticeResult", "EndEvent_NoticeFinal").isEnded();
    Assertions.assertThat(historicList(notice, "finalList")).extracting(c -> c.get("candidateId"))
        .containsExactly(SONGZHUANG, ZGC);
    Assertions.assertThat(historicList(notice, "removedCandidates")).isEmpty();
  }

  @Test
  void noticeTZP_N1_candidateListRoundTripsAsJson() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");

    ObjectValue stored = runtimeService.getVariableTyped(notice.getId(), "candidates", false);
    Assertions.assertThat(stored.getSerializationDataFormat()).isEqualTo("application/json");
    Assertions.assertThat(stored.getValueSerialized()).contains("\"organisationName\":\"北京通州智造科技有限公司\"");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> back = (List<Map<String, Object>>) runtimeService.getVariable(notice.getId(), "candidates");
    Assertions.assertThat(back).isEqualTo(candidates());
    ObjectValue current = runtimeService.getVariableTyped(notice.getId(), "currentList", false);
    Assertions.assertThat(current.getSerializationDataFormat()).isEqualTo("application/json");
  }

  @Test
  void noticeTZP_N1_upheldObjectionRemovesCandidate() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");
    clock("2026-10-09T09:30+08:00");

    ResponseEntity<Map> accepted = object(notice.getId(), SONGZHUANG, "该单位近三年存在严重失信记录（见信用中国公示）");
    Assertions.assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    Assertions.assertThat(accepted.getBody()).containsEntry("organisationName", "北京通州智造科技有限公司");

    Task verify = taskService.createTaskQuery().processInstanceId(notice.getId()).singleResult();
    Assertions.assertThat(verify.getName()).isEqualTo("核实异议：北京通州智造科技有限公司");
    assertThat(verify).hasCandidateGroup("tz-sti");
    Assertions.assertThat(taskService.getVariable(verify.getId(), "objectorName")).isEqualTo("张三");
    Assertions.assertThat(runtimeService.getVariableLocal(notice.getId(), "objectionReason")).isNull();

    ResponseEntity<Void> done = submit("chenxiaoyan", verify.getId(), Map.of(
        "objectionDecision", Map.of("value", "upheld"),
        "objectionFinding", Map.of("value", "经查信用中国，2025年列入严重失信主体名单，属实。")));
    Assertions.assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    executeJobAt(notice, "Task_RemoveCandidate");

    Assertions.assertThat(currentList(notice)).extracting(c -> c.get("candidateId")).containsExactly(ZGC);
    endPeriodAndFinalise(notice);

    assertThat(notice).hasPassed("Task_RemoveCandidate", "EndEvent_CandidateRemoved", "EndEvent_NoticeFinal").isEnded();
    Assertions.assertThat(historicList(notice, "finalList")).extracting(c -> c.get("candidateId")).containsExactly(ZGC);
    List<Map<String, Object>> removed = historicList(notice, "removedCandidates");
    Assertions.assertThat(removed).hasSize(1);
    Assertions.assertThat(removed.get(0)).containsEntry("candidateId", SONGZHUANG)
        .containsEntry("organisationName", "北京通州智造科技有限公司")
        .containsEntry("creditCode", "91110112MA01AAAA1X")
        .containsEntry("localityGroup", "tz-locality-songzhuang")
        .containsEntry("objectionReason", "该单位近三年存在严重失信记录（见信用中国公示）");
  }

  @Test
  void noticeTZP_N1_notUpheldObjectionKeepsCandidate_throughTheEngineRestApi() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");
    clock("2026-10-12T15:00+08:00");

    ResponseEntity<Map> correlated = http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/message", Map.of(
        "messageName", "NoticeObjection",
        "processInstanceId", notice.getId(),
        "processVariablesToTriggeredScope", Map.of(
            "objectionCandidateId", Map.of("value", ZGC),
            "objectionReason", Map.of("value", "怀疑知识产权归属存在争议"),
            "objectorName", Map.of("value", "李四"),
            "objectorContact", Map.of("value", "13800000000"))), Map.class);
    Assertions.assertThat(correlated.getStatusCode().is2xxSuccessful()).isTrue();

    Task verify = taskService.createTaskQuery().processInstanceId(notice.getId()).singleResult();
    Assertions.assertThat(verify.getName()).isEqualTo("核实异议：北京运河数字科技有限公司");
    complete(verify, "notUpheld", "经核对专利证书，权属清晰，异议不成立。");

    endPeriodAndFinalise(notice);
    assertThat(notice).hasPassed("EndEvent_ObjectionNotUpheld").hasNotPassed("Task_RemoveCandidate").isEnded();
    Assertions.assertThat(historicList(notice, "finalList")).extracting(c -> c.get("candidateId"))
        .containsExactly(SONGZHUANG, ZGC);
    Assertions.assertThat(historicList(notice, "removedCandidates")).isEmpty();
  }

  @Test
  void noticeTZP_N1_objectionUnderVerificationWhenThePeriodEnds_listFinalOnlyAfterVerification() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");
    clock("2026-10-13T22:00+08:00");
    Assertions.assertThat(object(notice.getId(), ZGC, "申报材料中研发人员数量与社保记录不符").getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    clock("2026-10-14T00:00+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(notice.getId()).timers()
        .singleResult().getId());

    assertThat(notice).hasPassed("EndEvent_NoticePeriodOver").isWaitingAt("Task_VerifyObjection");
    Assertions.assertThat(runtimeService.getVariable(notice.getId(), "finalList")).isNull();

    // The period is over: a further objection is refused on both routes, even though the scope still runs.
    ResponseEntity<Map> late = object(notice.getId(), SONGZHUANG, "补充异议");
    Assertions.assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    Assertions.assertThat((String) late.getBody().get("message")).contains("公示已于 2026-10-13 结束");
    Assertions.assertThatThrownBy(() -> runtimeService.createMessageCorrelation("NoticeObjection")
            .processInstanceId(notice.getId())
            .setVariablesToTriggeredScope(objectionVariables(SONGZHUANG, "补充异议")).correlate())
        .isInstanceOf(MessageRuleException.class).hasMessageContaining("TZP-N1").hasMessageContaining("2026-10-13");

    complete(taskService.createTaskQuery().processInstanceId(notice.getId()).singleResult(), "upheld",
        "核对社保缴纳记录，研发人员数量虚报，异议成立。");
    executeJobAt(notice, "Task_RemoveCandidate");
    executeJobAt(notice, "Task_ConfirmNoticeResult");

    assertThat(notice).isEnded();
    Assertions.assertThat(historicList(notice, "finalList")).extracting(c -> c.get("candidateId")).containsExactly(SONGZHUANG);
  }

  @Test
  void noticeTZP_N1_objectionAfterTheEndIsRefusedWith409_andUnknownNoticeIs404() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");
    endPeriodAndFinalise(notice);
    assertThat(notice).isEnded();
    clock("2026-10-15T10:00+08:00");

    ResponseEntity<Map> late = object(notice.getId(), SONGZHUANG, "逾期提出的异议");
    Assertions.assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    Assertions.assertThat(late.getBody()).containsEntry("status", 409).containsEntry("rule", "TZP-N1");
    Assertions.assertThat((String) late.getBody().get("message"))
        .contains("公示已于 2026-10-13 结束，不再受理异议")
        .contains("The public notice ended on 2026-10-13; objections are no longer accepted");

    ResponseEntity<Map> unknown = object("no-such-notice", SONGZHUANG, "异议");
    Assertions.assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    Assertions.assertThat(unknown.getBody()).containsEntry("status", 404);

    ResponseEntity<Map> anonymous = http.postForEntity("/api/notices/" + notice.getId() + "/objections",
        Map.of("candidateId", SONGZHUANG, "reason", "异议"), Map.class);
    Assertions.assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void noticeTZP_N1_objectionAboutSomeoneNotOnTheListIsRefused() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");

    ResponseEntity<Map> portal = object(notice.getId(), "app-unknown-999", "该单位不符合条件");
    Assertions.assertThat(portal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(portal.getBody()).containsEntry("field", "candidateId").containsEntry("rule", "TZP-N1");
    Assertions.assertThat((String) portal.getBody().get("message"))
        .contains("“app-unknown-999”不在本次公示名单上").contains("is not on the list of this public notice");

    ResponseEntity<Map> engineRest = http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/message", Map.of(
        "messageName", "NoticeObjection",
        "processInstanceId", notice.getId(),
        "processVariablesToTriggeredScope", Map.of(
            "objectionCandidateId", Map.of("value", "app-unknown-999"),
            "objectionReason", Map.of("value", "该单位不符合条件"))), Map.class);
    Assertions.assertThat(engineRest.getStatusCode()).as(String.valueOf(engineRest.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) engineRest.getBody().get("message")).contains("[TZP-N1]").contains("not on the list");

    ResponseEntity<Map> incomplete = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/api/notices/" + notice.getId() + "/objections", Map.of("candidateId", ZGC, "reason", "理由"), Map.class);
    Assertions.assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(incomplete.getBody()).containsEntry("field", "objectorName");

    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(notice.getId()).count()).isZero();
  }

  @Test
  void noticeTZP_N1_concurrentObjectionsOnTwoCandidatesStayApart() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");
    clock("2026-10-08T10:00+08:00");
    object(notice.getId(), SONGZHUANG, "环保处罚未披露");
    object(notice.getId(), ZGC, "研发投入数据存疑");

    List<Task> tasks = taskService.createTaskQuery().processInstanceId(notice.getId()).orderByTaskName().asc().list();
    Assertions.assertThat(tasks).extracting(Task::getName)
        .containsExactlyInAnyOrder("核实异议：北京通州智造科技有限公司", "核实异议：北京运河数字科技有限公司");
    Task songzhuang = tasks.stream().filter(t -> t.getName().contains("智造")).findFirst().orElseThrow();
    Task zgc = tasks.stream().filter(t -> t.getName().contains("运河")).findFirst().orElseThrow();
    Assertions.assertThat(taskService.getVariable(songzhuang.getId(), "objectionReason")).isEqualTo("环保处罚未披露");
    Assertions.assertThat(taskService.getVariable(zgc.getId(), "objectionReason")).isEqualTo("研发投入数据存疑");

    complete(zgc, "notUpheld", "审计报告显示研发投入真实。");
    complete(songzhuang, "upheld", "生态环境局处罚决定书属实，且为重大环保事故。");
    executeJobAt(notice, "Task_RemoveCandidate");

    endPeriodAndFinalise(notice);
    Assertions.assertThat(historicList(notice, "finalList")).extracting(c -> c.get("candidateId")).containsExactly(ZGC);
    Assertions.assertThat(historicList(notice, "removedCandidates")).extracting(c -> c.get("objectionReason"))
        .containsExactly("环保处罚未披露");
  }

  @Test
  void noticeTZP_N1_verificationWithoutWrittenFindingIsRefusedAndTheTaskStays() {
    ProcessInstance notice = publishedOn("2026-09-30T10:00+08:00");
    clock("2026-10-08T10:00+08:00");
    object(notice.getId(), SONGZHUANG, "材料造假");
    Task verify = taskService.createTaskQuery().processInstanceId(notice.getId()).singleResult();

    ResponseEntity<Map> refused = http.withBasicAuth("chenxiaoyan", "demo").postForEntity(
        "/engine-rest/task/" + verify.getId() + "/submit-form",
        Map.of("variables", Map.of("objectionDecision", Map.of("value", "upheld"))), Map.class);
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // The verification form requires the written finding (FORM-REQUIRED, on every route) before the
    // notice's own TZP-N1 check, which stays for code paths without the form.
    Assertions.assertThat((String) refused.getBody().get("message"))
        .contains("[FORM-REQUIRED] objectionFinding").contains("核实意见");
    Assertions.assertThat(taskService.createTaskQuery().taskId(verify.getId()).count()).isOne();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private ProcessInstance publishedOn(String time) {
    clock(time);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("noticeTitle", "2026年通州区创新伙伴拟入选名单公示");
    variables.put("noticeDays", 5);
    variables.put("candidates", candidates());
    variables.put("objectionReviewGroup", "tz-sti");
    variables.put("programme", "TZP");
    variables.put("noticeChannel", "通州区人民政府网站");
    variables.put("noticeAddress", "https://www.bjtzh.gov.cn/gsgg/");
    variables.put("noticeOrderedBy", "wanglixin");
    ProcessInstance notice = runtimeService.startProcessInstanceByKey("public-notice", variables);
    started.add(notice.getId());
    assertThat(notice).isWaitingAt("Task_PublishNotice");
    executeJobAt(notice, "Task_PublishNotice");
    return notice;
  }

  static List<Map<String, Object>> candidates() {
    List<Map<String, Object>> list = new ArrayList<>();
    list.add(candidate(SONGZHUANG, "北京通州智造科技有限公司", "91110112MA01AAAA1X", "tz-locality-songzhuang"));
    list.add(candidate(ZGC, "北京运河数字科技有限公司", "91110112MA01BBBB2Y", "tz-locality-zgc-tongzhou"));
    return list;
  }

  private static Map<String, Object> candidate(String id, String name, String creditCode, String locality) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("candidateId", id);
    c.put("organisationName", name);
    c.put("creditCode", creditCode);
    c.put("localityGroup", locality);
    return c;
  }

  private ResponseEntity<Map> object(String noticeId, String candidateId, String reason) {
    return http.withBasicAuth("huanglei", "demo").postForEntity("/api/notices/" + noticeId + "/objections",
        Map.of("candidateId", candidateId, "reason", reason, "objectorName", "张三", "objectorContact", "13911112222"),
        Map.class);
  }

  private static Map<String, Object> objectionVariables(String candidateId, String reason) {
    return Map.of("objectionCandidateId", candidateId, "objectionReason", reason,
        "objectorName", "王五", "objectorContact", "wangwu@example.com");
  }

  private ResponseEntity<Void> submit(String user, String taskId, Map<String, Object> variables) {
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", variables), Void.class);
  }

  private void complete(Task task, String decision, String finding) {
    engine.getIdentityService().setAuthentication("chenxiaoyan", List.of("tz-sti"));
    try {
      taskService.complete(task.getId(), Map.of("objectionDecision", decision, "objectionFinding", finding));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void endPeriodAndFinalise(ProcessInstance notice) {
    clock("2026-10-14T00:00+08:00");
    Job timer = managementService.createJobQuery().processInstanceId(notice.getId()).timers().singleResult();
    managementService.executeJob(timer.getId());
    executeJobAt(notice, "Task_ConfirmNoticeResult");
  }

  private void executeJobAt(ProcessInstance instance, String activityId) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    Assertions.assertThat(job).as("job at " + activityId).isNotNull();
    managementService.executeJob(job.getId());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> currentList(ProcessInstance notice) {
    return (List<Map<String, Object>>) runtimeService.getVariable(notice.getId(), "currentList");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> historicList(ProcessInstance notice, String name) {
    return (List<Map<String, Object>>) historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(notice.getId()).variableName(name).singleResult().getValue();
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
