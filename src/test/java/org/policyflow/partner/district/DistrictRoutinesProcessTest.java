package org.policyflow.partner.district;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.testsupport.EngineStateRestored;
import org.policyflow.testsupport.EngineStateRestored.Started;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The district's routines for innovation partners (000 §七): a partner's request handled and followed up to
 * closure (partner-service-request, DST-S1…S3), and the yearly cycle of visits, exchange meetings and the
 * evaluation of the departments reported to the district government (district-partner-support, DST-Y1,
 * DST-V1, DST-M1, DST-A1, DST-A2). Timers fire by moving the engine clock and executing their jobs.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class DistrictRoutinesProcessTest {

  static final String REQUEST = "partner-service-request";
  static final String YEAR = "district-partner-support";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate http;

  private final Started started;

  DistrictRoutinesProcessTest(Started started) {
    this.started = started;
  }

  @BeforeEach
  void setUp() {
    init(engine);
  }

  // --- 管家式服务 ---------------------------------------------------------------------------------

  @Test
  void serviceRequestDST_S1_onlyAPartnerWithARunningCooperationFilesARequest_othersAreRefused() {
    clock("2026-11-02T10:00+08:00");
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(REQUEST).count();
    // xuting is an applicant without a cooperation: refused, nothing started.
    ResponseEntity<Map> refused = submitRequest("xuting");
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[DST-S1] partner").contains("合作期内");
    // Only partners (applicants) file requests; a locality clerk is refused before the engine runs anything.
    Assertions.assertThat(submitRequest("sunpeng").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(REQUEST).count())
        .isEqualTo(before);

    cooperation();
    ResponseEntity<Map> accepted = submitRequest("huanglei");
    Assertions.assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.OK);
    ProcessInstance request = started.add(runtimeService.createProcessInstanceQuery()
        .processInstanceId((String) accepted.getBody().get("id")).singleResult());
    // The organisation comes from the cooperation, not from the form.
    Assertions.assertThat(runtimeService.getVariables(request.getId())).containsEntry("organisationName", "北京通州智造科技有限公司")
        .containsEntry("localityGroup", "tz-locality-songzhuang").containsEntry("applicant", "huanglei");
    Task assign = task(request, "Task_AssignRequest");
    assertThat(assign).hasCandidateGroup("tz-sti");
    Assertions.assertThat(assign.getName()).isEqualTo("分派诉求：北京通州智造科技有限公司（中试车间环评审批）");
  }

  @Test
  void serviceRequestDST_S2_theAssignedDepartmentHandlesWithinTheWorkingDays_overdueRequestsAreSupervised() {
    ProcessInstance request = requestFiled();
    Task assign = task(request, "Task_AssignRequest");
    Assertions.assertThatThrownBy(() -> complete(assign, Map.of("handlingDepartment", "industry")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-S2] handlingDepartment");
    complete(assign, Map.of("handlingDepartment", "locality"));

    Task handle = task(request, "Task_HandleRequest");
    assertThat(handle).hasCandidateGroup("tz-locality-songzhuang");
    // Ten working days from Monday 2026-11-02: to the end of Monday 2026-11-16.
    Assertions.assertThat(handle.getDueDate()).isEqualTo(at("2026-11-17T00:00+08:00"));
    Job overdue = timer(request, "BoundaryEvent_HandlingOverdue");
    Assertions.assertThat(overdue.getDuedate()).isEqualTo(at("2026-11-17T00:00+08:00"));
    clock("2026-11-17T00:00+08:00");
    managementService.executeJob(overdue.getId());

    Task supervise = task(request, "Task_SuperviseRequest");
    assertThat(supervise).hasCandidateGroup("tz-sti");
    Assertions.assertThat(supervise.getName()).isEqualTo("督办逾期诉求：北京通州智造科技有限公司（属地部门办理）");
    Assertions.assertThatThrownBy(() -> complete(supervise, Map.of()))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-S2] supervisionAction");
    complete(supervise, Map.of("supervisionAction", "2026-11-17 电话督促宋庄镇，承诺三日内答复。"));
    assertThat(request).isWaitingAt("Task_HandleRequest");

    Assertions.assertThatThrownBy(() -> complete(task(request, "Task_HandleRequest"), Map.of()))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-S2] handlingResult");
    clock("2026-11-19T15:00+08:00");
    complete(task(request, "Task_HandleRequest"), Map.of("handlingResult", "已协调区生态环境局，环评审批进入绿色通道。"));
    List<Map<String, Object>> rounds = list(request, "handlingRounds");
    Assertions.assertThat(rounds).singleElement().satisfies(r -> Assertions.assertThat(r)
        .containsEntry("overdue", true).containsEntry("handlingGroup", "tz-locality-songzhuang"));
    Assertions.assertThat(list(request, "supervisions")).singleElement()
        .satisfies(s -> Assertions.assertThat(s).containsEntry("handlingGroup", "tz-locality-songzhuang"));
  }

  @Test
  void serviceRequestDST_S3_closedOnlyOnThePartnersConfirmation_unresolvedGoesBackForFollowUp_silenceClosesOnTheAnswer() {
    ProcessInstance request = requestFiled();
    complete(task(request, "Task_AssignRequest"), Map.of("handlingDepartment", "locality"));
    complete(task(request, "Task_HandleRequest"), Map.of("handlingResult", "已与区生态环境局沟通，待补充材料。"));

    Task confirm = task(request, "Task_ConfirmResult");
    Assertions.assertThat(confirm.getAssignee()).isEqualTo("huanglei");
    Assertions.assertThat(confirm.getDueDate()).isEqualTo(at("2026-11-17T10:00+08:00"));
    Assertions.assertThatThrownBy(() -> complete(confirm, Map.of("requestResolved", "notResolved", "satisfaction", "dissatisfied")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-S3] partnerComment");
    clock("2026-11-05T09:00+08:00");
    complete(confirm, Map.of("requestResolved", "notResolved", "satisfaction", "dissatisfied",
        "partnerComment", "审批时限仍未明确。"));

    // Back to the same department, with a new period and the partner's comment on the form.
    Task followUp = task(request, "Task_HandleRequest");
    assertThat(followUp).hasCandidateGroup("tz-locality-songzhuang");
    Assertions.assertThat(((Number) runtimeService.getVariable(request.getId(), "followUpRound")).intValue()).isOne();
    Assertions.assertThat(followUp.getDueDate()).isEqualTo(at("2026-11-20T00:00+08:00"));
    complete(followUp, Map.of("handlingResult", "审批已于2026-11-10办结。"));
    Task again = task(request, "Task_ConfirmResult");
    Assertions.assertThat(runtimeService.getVariable(request.getId(), "requestResolved")).isNull();
    complete(again, Map.of("requestResolved", "resolved", "satisfaction", "satisfied"));

    assertThat(request).hasPassed("Task_CloseRequest", "EndEvent_RequestClosed").isEnded();
    Assertions.assertThat(historic(request, "closure")).isEqualTo("confirmed");

    // A partner who does not answer: the request closes on the department's answer, recorded as such.
    ProcessInstance silent = requestFiled();
    complete(task(silent, "Task_AssignRequest"), Map.of("handlingDepartment", "locality"));
    complete(task(silent, "Task_HandleRequest"), Map.of("handlingResult", "已兑现研发费用补贴。"));
    Job lapse = timer(silent, "BoundaryEvent_ConfirmationLapsed");
    clock("2026-11-20T10:00+08:00");
    managementService.executeJob(lapse.getId());
    assertThat(silent).hasPassed("BoundaryEvent_ConfirmationLapsed", "Task_CloseRequest").isEnded();
    Assertions.assertThat(historic(silent, "closure")).isEqualTo("confirmationLapsed");
  }

  // --- 年度工作 ----------------------------------------------------------------------------------

  @Test
  void districtDST_Y1_oneYearlyCyclePerYear_thisYearOrTheNext() {
    clock("2027-01-04T09:00+08:00");
    ResponseEntity<Map> opened = openYear("wanglixin", 2027);
    Assertions.assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.OK);
    ProcessInstance year = started.add(runtimeService.createProcessInstanceQuery()
        .processInstanceId((String) opened.getBody().get("id")).singleResult());
    Assertions.assertThat(year.getBusinessKey()).isEqualTo("DST-2027");

    ResponseEntity<Map> twice = openYear("chenxiaoyan", 2027);
    Assertions.assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) twice.getBody().get("message")).contains("[DST-Y1] supportYear").contains("已经开启");
    ResponseEntity<Map> past = openYear("wanglixin", 2026);
    Assertions.assertThat((String) past.getBody().get("message")).contains("[DST-Y1] supportYear");
    Assertions.assertThat(openYear("sunpeng", 2028).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(YEAR).count()).isOne();
  }

  @Test
  void districtDST_V1_DST_M1_visitsAndMeetingsAreRecordedPerPeriod_aPeriodWithoutOneIsFlagged() {
    clock("2027-01-04T09:00+08:00");
    ProcessInstance year = year(2027);
    Job firstVisit = timer(year, "TimerEvent_VisitPeriodBegins");
    Assertions.assertThat(firstVisit.getDuedate()).isEqualTo(at("2027-01-01T00:00+08:00"));
    managementService.executeJob(firstVisit.getId());
    Task visit = task(year, "Task_RecordVisit");
    Assertions.assertThat(visit.getName()).isEqualTo("记录走访创新伙伴情况：2027年第1期");
    Assertions.assertThat(visit.getDueDate()).isEqualTo(at("2027-04-01T00:00+08:00"));

    clock("2027-03-20T16:00+08:00");
    Map<String, Object> record = new HashMap<>(Map.of("visitDate", "2027-04-02", "visitedPartners", "北京通州智造科技有限公司",
        "accompanyingLocalities", "宋庄镇人民政府", "partnerOpinions", "建议加快副中心中试基地建设。"));
    Assertions.assertThatThrownBy(() -> complete(visit, record))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-V1] visitDate").hasMessageContaining("2027-03-31");
    record.put("visitDate", "2027-03-18");
    record.remove("partnerOpinions");
    Assertions.assertThatThrownBy(() -> complete(visit, record))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-V1] partnerOpinions");
    record.put("partnerOpinions", "建议加快副中心中试基地建设。");
    complete(visit, record);
    Assertions.assertThat(list(year, "visits")).singleElement().satisfies(v -> Assertions.assertThat(v)
        .containsEntry("period", 1).containsEntry("visitDate", "2027-03-18"));

    // Second quarter: nothing recorded by its end → flagged, and the third quarter follows.
    Job secondVisit = timer(year, "TimerEvent_VisitPeriodBegins");
    Assertions.assertThat(secondVisit.getDuedate()).isEqualTo(at("2027-04-01T00:00+08:00"));
    clock("2027-04-01T00:00+08:00");
    managementService.executeJob(secondVisit.getId());
    Job ended = timer(year, "BoundaryEvent_VisitPeriodEnded");
    Assertions.assertThat(ended.getDuedate()).isEqualTo(at("2027-07-01T00:00+08:00"));
    clock("2027-07-01T00:00+08:00");
    managementService.executeJob(ended.getId());
    Assertions.assertThat(list(year, "missedRoutines")).singleElement().satisfies(m -> Assertions.assertThat(m)
        .containsEntry("routine", "visit").containsEntry("period", 2));
    Assertions.assertThat(timer(year, "TimerEvent_VisitPeriodBegins").getDuedate()).isEqualTo(at("2027-07-01T00:00+08:00"));

    // Meetings: half-yearly; a record without the information shared is refused.
    Job firstMeeting = timer(year, "TimerEvent_MeetingPeriodBegins");
    Assertions.assertThat(firstMeeting.getDuedate()).isEqualTo(at("2027-01-01T00:00+08:00"));
    managementService.executeJob(firstMeeting.getId());
    Task meeting = task(year, "Task_RecordMeeting");
    Assertions.assertThat(meeting.getDueDate()).isEqualTo(at("2027-07-01T00:00+08:00"));
    clock("2027-06-20T10:00+08:00");
    Map<String, Object> held = new HashMap<>(Map.of("meetingDate", "2027-06-18", "meetingPlace", "副中心科技创新中心",
        "participants", "12家创新伙伴", "innovationTrends", "人工智能大模型在智能制造中的应用"));
    Assertions.assertThatThrownBy(() -> complete(meeting, held))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-M1] sharedInformation");
    held.put("sharedInformation", "发布区内应用场景清单15项。");
    complete(meeting, held);
    Assertions.assertThat(list(year, "meetings")).singleElement().satisfies(m -> Assertions.assertThat(m)
        .containsEntry("period", 1).containsEntry("meetingPlace", "副中心科技创新中心"));
  }

  @Test
  void districtDST_P1_publicityIsRecordedEachQuarterThroughItsChannels_aQuarterWithoutOneIsFlagged_andTheYearCountsIt() {
    clock("2027-01-04T09:00+08:00");
    ProcessInstance year = year(2027);
    Job first = timer(year, "TimerEvent_PromotionPeriodBegins");
    Assertions.assertThat(first.getDuedate()).isEqualTo(at("2027-01-01T00:00+08:00"));
    managementService.executeJob(first.getId());
    Task promotion = task(year, "Task_RecordPromotion");
    Assertions.assertThat(promotion.getName()).isEqualTo("记录宣传推介情况：2027年第1期");
    Assertions.assertThat(promotion.getDueDate()).isEqualTo(at("2027-04-01T00:00+08:00"));
    assertThat(promotion).hasCandidateGroup("tz-sti");

    clock("2027-03-10T15:00+08:00");
    Map<String, Object> record = new HashMap<>(Map.of("promotionDate", "2027-03-12",
        "promotionChannels", List.of("new-media", "news-media"),
        "promotionContent", "创新伙伴计划政策解读及2027年征集通知。",
        "publicationReference", "“通州科技”微信公众号2027年3月8日推文；《北京城市副中心报》第3版"));
    Assertions.assertThatThrownBy(() -> complete(promotion, record))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-P1] promotionDate")
        .hasMessageContaining("不晚于今天");
    record.put("promotionDate", "2027-03-08");
    record.put("promotionChannels", List.of());
    record.remove("publicationReference");
    Assertions.assertThatThrownBy(() -> complete(promotion, record))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-P1] promotionChannels")
        .hasMessageContaining("[DST-P1] publicationReference");
    record.put("promotionChannels", List.of("new-media", "news-media"));
    record.put("publicationReference", "“通州科技”微信公众号2027年3月8日推文；《北京城市副中心报》第3版");
    record.put("typicalCases", "北京通州智造科技有限公司：工业视觉检测产品进入三家整车厂供应链。");
    identityService.setAuthentication("chenxiaoyan", List.of("tz-sti"));
    try {
      complete(promotion, record);
    } finally {
      identityService.clearAuthentication();
    }
    Assertions.assertThat(list(year, "promotions")).singleElement().satisfies(p -> Assertions.assertThat(p)
        .containsEntry("period", 1).containsEntry("promotionDate", "2027-03-08")
        .containsEntry("promotionChannels", List.of("new-media", "news-media"))
        .containsEntry("typicalCases", "北京通州智造科技有限公司：工业视觉检测产品进入三家整车厂供应链。")
        .containsEntry("recordedBy", "chenxiaoyan"));

    // Second quarter: nothing recorded by its end → flagged as a missed DST-P1 period; the third quarter follows.
    Job second = timer(year, "TimerEvent_PromotionPeriodBegins");
    Assertions.assertThat(second.getDuedate()).isEqualTo(at("2027-04-01T00:00+08:00"));
    clock("2027-04-01T00:00+08:00");
    managementService.executeJob(second.getId());
    Job ended = timer(year, "BoundaryEvent_PromotionPeriodEnded");
    Assertions.assertThat(ended.getDuedate()).isEqualTo(at("2027-07-01T00:00+08:00"));
    clock("2027-07-01T00:00+08:00");
    managementService.executeJob(ended.getId());
    Assertions.assertThat(list(year, "missedRoutines")).singleElement().satisfies(m -> Assertions.assertThat(m)
        .containsEntry("routine", "promotion").containsEntry("routineLabel", "宣传推介").containsEntry("rule", "DST-P1")
        .containsEntry("period", 2));
    Assertions.assertThat(timer(year, "TimerEvent_PromotionPeriodBegins").getDuedate()).isEqualTo(at("2027-07-01T00:00+08:00"));
    Assertions.assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(year.getId())
        .activityId("Task_RecordMissedPromotion").count()).isOne();

    // The yearly evaluation's summary counts the year's publicity.
    clock("2027-12-01T09:00+08:00");
    managementService.executeJob(timer(year, "TimerEvent_EvaluationStarts").getId());
    Assertions.assertThat((String) runtimeService.getVariable(year.getId(), "departmentSummaryText"))
        .contains("宣传推介 1 期（其中报道入选创新伙伴典型案例 1 期）").contains("未按期开展 1 期");
  }

  @Test
  void districtDST_A1_DST_A2_theYearlyEvaluationRatesEveryDepartmentFromItsRequests_andIsReportedToTheDistrictGovernment() {
    // A request handled late by the district commission itself in 2026, supervised, then resolved.
    ProcessInstance request = requestFiled();
    complete(task(request, "Task_AssignRequest"), Map.of("handlingDepartment", "sti"));
    clock("2026-11-17T00:00+08:00");
    managementService.executeJob(timer(request, "BoundaryEvent_HandlingOverdue").getId());
    complete(task(request, "Task_SuperviseRequest"), Map.of("supervisionAction", "主任办公会督办。"));
    clock("2026-11-18T10:00+08:00");
    complete(task(request, "Task_HandleRequest"), Map.of("handlingResult", "已兑现。"));
    complete(task(request, "Task_ConfirmResult"), Map.of("requestResolved", "resolved", "satisfaction", "basicallySatisfied"));

    ProcessInstance year = year(2026);
    Job evaluation = timer(year, "TimerEvent_EvaluationStarts");
    Assertions.assertThat(evaluation.getDuedate()).isEqualTo(at("2026-12-01T00:00+08:00"));
    clock("2026-12-01T09:00+08:00");
    managementService.executeJob(evaluation.getId());

    Task evaluate = task(year, "Task_EvaluateDepartments");
    assertThat(evaluate).hasCandidateGroup("tz-sti");
    List<Map<String, Object>> summary = list(year, "departmentSummary");
    Assertions.assertThat(summary).filteredOn(r -> "tz-sti".equals(r.get("department"))).singleElement()
        .satisfies(r -> Assertions.assertThat(r).containsEntry("departmentName", "通州区科学技术委员会")
            .containsEntry("requests", 1).containsEntry("overdueRounds", 1).containsEntry("supervisions", 1));
    Assertions.assertThat((String) runtimeService.getVariable(year.getId(), "departmentSummaryText"))
        .contains("通州区科学技术委员会：办理诉求 1 件").contains("其中逾期 1 次");

    List<Map<String, Object>> ratings = new ArrayList<>();
    for (Map<String, Object> row : summary) {
      if (!"tz-sti".equals(row.get("department"))) {
        ratings.add(new HashMap<>(Map.of("departmentName", row.get("departmentName"), "rating", "good")));
      }
    }
    Assertions.assertThatThrownBy(() -> complete(evaluate, Map.of("departmentRatings", ratings,
            "evaluationConclusion", "各部门总体配合良好。")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-A1] departmentRatings")
        .hasMessageContaining("通州区科学技术委员会");
    ratings.add(new HashMap<>(Map.of("departmentName", "通州区科学技术委员会", "rating", "poor")));
    Assertions.assertThatThrownBy(() -> complete(evaluate, Map.of("departmentRatings", ratings,
            "evaluationConclusion", "各部门总体配合良好。")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("ratingComment");
    ratings.get(ratings.size() - 1).put("ratingComment", "诉求办理逾期并被督办。");
    complete(evaluate, Map.of("departmentRatings", ratings, "evaluationConclusion", "各部门总体配合良好，区科委办理时效需提高。"));

    Task report = task(year, "Task_ReportToGovernment");
    Map<String, Object> sent = new HashMap<>(Map.of("reportNumber", "通科发〔2026〕45号", "reportedOn", "2026-11-30",
        "reportSummary", "2026年度创新伙伴计划部门配合支持情况综合考评结果。"));
    Assertions.assertThatThrownBy(() -> complete(report, sent))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-A2] reportedOn");
    sent.remove("reportNumber");
    sent.put("reportedOn", "2026-12-01");
    Assertions.assertThatThrownBy(() -> complete(report, sent))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[DST-A2] reportNumber");
    sent.put("reportNumber", "通科发〔2026〕45号");
    identityService.setAuthentication("chenxiaoyan", List.of("tz-sti"));
    complete(report, sent);
    identityService.clearAuthentication();
    assertThat(year).hasPassed("Task_ReportToGovernment");
    Assertions.assertThat(runtimeService.getVariables(year.getId())).containsEntry("reportNumber", "通科发〔2026〕45号")
        .containsEntry("reportedBy", "chenxiaoyan");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private ProcessInstance cooperation() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicant", "huanglei");
    variables.put("organisationName", "北京通州智造科技有限公司");
    variables.put("creditCode", "91110112MA01TKWQ00");
    variables.put("localityGroup", "tz-locality-songzhuang");
    variables.put("callId", "TZP-2026");
    variables.put("applicationInstanceId", "app-songzhuang-001");
    return started.add(runtimeService.startProcessInstanceByKey("partner-cooperation", "TZP-2026-songzhuang-001", variables));
  }

  /** huanglei's company, a partner in cooperation, files a request on Monday 2026-11-02 10:00. */
  private ProcessInstance requestFiled() {
    clock("2026-11-02T10:00+08:00");
    if (runtimeService.createProcessInstanceQuery().processDefinitionKey("partner-cooperation")
        .variableValueEquals("applicant", "huanglei").count() == 0) {
      cooperation();
    }
    ResponseEntity<Map> accepted = submitRequest("huanglei");
    Assertions.assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.OK);
    return started.add(runtimeService.createProcessInstanceQuery().processInstanceId((String) accepted.getBody().get("id"))
        .singleResult());
  }

  @SuppressWarnings("rawtypes")
  private ResponseEntity<Map> submitRequest(String user) {
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/process-definition/key/" + REQUEST + "/submit-form",
        Map.of("variables", Map.of(
            "requestCategory", Map.of("value", "行政审批事项"),
            "requestTitle", Map.of("value", "中试车间环评审批"),
            "requestContent", Map.of("value", "中试车间扩建需办理环评审批，希望协调加快办理。"),
            "contactName", Map.of("value", "黄磊"),
            "contactPhone", Map.of("value", "13911112222"))), Map.class);
  }

  @SuppressWarnings("rawtypes")
  private ResponseEntity<Map> openYear(String user, int year) {
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/process-definition/key/" + YEAR + "/submit-form",
        Map.of("variables", Map.of("supportYear", Map.of("value", year))), Map.class);
  }

  private ProcessInstance year(int supportYear) {
    ResponseEntity<Map> opened = openYear("wanglixin", supportYear);
    Assertions.assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.OK);
    return started.add(runtimeService.createProcessInstanceQuery().processInstanceId((String) opened.getBody().get("id"))
        .singleResult());
  }

  private Task task(ProcessInstance instance, String key) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  private Job timer(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
        .singleResult();
  }

  private void complete(Task task, Map<String, Object> variables) {
    taskService.complete(task.getId(), variables);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(ProcessInstance instance, String name) {
    return (List<Map<String, Object>>) runtimeService.getVariable(instance.getId(), name);
  }

  private Object historic(ProcessInstance instance, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
        .singleResult().getValue();
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
