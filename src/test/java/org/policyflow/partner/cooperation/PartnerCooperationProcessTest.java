package org.policyflow.partner.cooperation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.testsupport.DossierUploads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * partner-cooperation and partner-cooperation-year: tri-party agreement, three cooperation years with
 * reports, reminders, escalation and evaluations (TZP-C1…C3), termination on a verified violation (TZP-C4).
 * The agreement is signed on Monday 2026-11-02 10:00 (CST) in every test.
 */
@PolicyflowIntegrationTest
class PartnerCooperationProcessTest {

  static final String KEY = "partner-cooperation";
  static final String YEAR_KEY = "partner-cooperation-year";
  static final String CREDIT_CODE = "91110112MA01TKWQ00";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired TestRestTemplate http;
  @Autowired CreditRegistry creditRegistry;

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
  void cooperationTZP_C1_C2_C3_threeYearsWithReportsOnTime_evaluationsRecorded_finalEvaluation() {
    ProcessInstance cooperation = signed();
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "agreementSignedAt"))
        .isEqualTo(at("2026-11-02T10:00+08:00"));
    // TZP-C1: three years from signing, to 24:00 of the third anniversary.
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "cooperationEndsAt"))
        .isEqualTo(at("2029-11-03T00:00+08:00"));

    // Year 1: report submitted by the partner through the engine REST API (the portal's route).
    ProcessInstance year1 = yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    Task report1 = task(year1, "Task_SubmitAnnualReport");
    Assertions.assertThat(report1.getAssignee()).isEqualTo("huanglei");
    Assertions.assertThat(report1.getName()).isEqualTo("报送第1合作年度发展情况");
    Assertions.assertThat(report1.getDueDate()).isEqualTo(at("2027-11-03T00:00+08:00"));
    Assertions.assertThat(timer(year1, "BoundaryEvent_ReportReminder").getDuedate()).isEqualTo(at("2027-10-04T00:00+08:00"));
    Assertions.assertThat(timer(year1, "BoundaryEvent_ReportDue").getDuedate()).isEqualTo(at("2027-11-03T00:00+08:00"));
    clock("2027-09-15T09:00+08:00");
    DossierUploads.uploadRequired(http, "huanglei", report1.getId());
    ResponseEntity<Void> submitted = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/task/" + report1.getId() + "/submit-form", Map.of("variables", restReport()), Void.class);
    Assertions.assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(year1.getId()).count()).isZero();
    evaluate(year1, "excellent");

    ProcessInstance year2 = yearBegins(cooperation, 2, "2027-11-03T00:00+08:00");
    Assertions.assertThat(task(year2, "Task_SubmitAnnualReport").getDueDate()).isEqualTo(at("2028-11-03T00:00+08:00"));
    clock("2028-10-20T10:00+08:00");
    complete(task(year2, "Task_SubmitAnnualReport"), report());
    evaluate(year2, "good");

    ProcessInstance year3 = yearBegins(cooperation, 3, "2028-11-03T00:00+08:00");
    clock("2029-10-30T10:00+08:00");
    complete(task(year3, "Task_SubmitAnnualReport"), report());
    evaluate(year3, "pass");

    assertThat(cooperation).isWaitingAt("TimerEvent_CooperationPeriodEnds");
    Job end = timer(cooperation, "TimerEvent_CooperationPeriodEnds");
    Assertions.assertThat(end.getDuedate()).isEqualTo(at("2029-11-03T00:00+08:00"));
    clock("2029-11-03T00:00+08:00");
    managementService.executeJob(end.getId());

    Task finalEvaluation = task(cooperation, "Task_FinalEvaluation");
    assertThat(finalEvaluation).hasCandidateGroup("tz-sti");
    Assertions.assertThatThrownBy(() -> complete(finalEvaluation, Map.of("finalEvaluationResult", "good")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("TZP-C3").hasMessageContaining("finalEvaluationOpinion");
    complete(finalEvaluation, Map.of("finalEvaluationResult", "good", "finalEvaluationOpinion", "三年合作任务基本完成，技术需求释放充分。"));

    assertThat(cooperation).hasPassed("EndEvent_CooperationPeriodCompleted", "EndEvent_CooperationCompleted")
        .hasNotPassed("Task_HandleFunds").isEnded();
    List<Map<String, Object>> evaluations = historicList(cooperation, "annualEvaluations");
    Assertions.assertThat(evaluations).extracting(e -> e.get("evaluationResult")).containsExactly("excellent", "good", "pass");
    Assertions.assertThat(evaluations).extracting(e -> e.get("cooperationYear")).containsExactly(1, 2, 3);
    Assertions.assertThat(evaluations.get(0)).containsEntry("localityOpinion", "属地服务需求已协调解决。")
        .containsEntry("reportSubmittedAt", at("2027-09-15T09:00+08:00").toInstant().toString());
    Assertions.assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(year1.getId())
        .variableName("reportSubmittedBy").singleResult().getValue()).isEqualTo("huanglei");
  }

  @Test
  void cooperationTZP_C2_lateReport_reminderThirtyDaysBefore_escalationToStiAtTheDueDate() {
    ProcessInstance cooperation = signed();
    ProcessInstance year1 = yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    Task report = task(year1, "Task_SubmitAnnualReport");
    int priorityBefore = report.getPriority();

    clock("2027-10-04T00:00+08:00");
    managementService.executeJob(timer(year1, "BoundaryEvent_ReportReminder").getId());
    Task reminded = task(year1, "Task_SubmitAnnualReport");
    Assertions.assertThat(reminded.getPriority()).isGreaterThan(priorityBefore).isEqualTo(ReportReminder.REMINDED_PRIORITY);
    Assertions.assertThat(taskService.getTaskComments(reminded.getId())).singleElement()
        .satisfies(c -> Assertions.assertThat(c.getFullMessage()).contains("2027-11-02 前报送").contains("TZP-C2"));
    Assertions.assertThat(runtimeService.getVariable(year1.getId(), "reminderSentAt")).isEqualTo(at("2027-10-04T00:00+08:00"));
    assertThat(year1).hasPassed("Task_RemindPartner", "EndEvent_PartnerReminded").isWaitingAt("Task_SubmitAnnualReport");

    clock("2027-11-03T00:00+08:00");
    managementService.executeJob(timer(year1, "BoundaryEvent_ReportDue").getId());
    Task chase = task(year1, "Task_ChaseOverdueReport");
    Assertions.assertThat(chase.getName()).isEqualTo("催报逾期年度报告：北京通州智造科技有限公司");
    assertThat(chase).hasCandidateGroup("tz-sti");
    assertThat(year1).isWaitingAt("Task_SubmitAnnualReport", "Task_ChaseOverdueReport");

    complete(chase, Map.of("chaseAction", "2027-11-04 电话联系黄磊，承诺一周内报送。"));
    clock("2027-11-09T10:00+08:00");
    complete(task(year1, "Task_SubmitAnnualReport"), report());
    evaluate(year1, "fail");

    assertThat(year1).hasPassed("EndEvent_OverdueReportChased", "EndEvent_CooperationYearCompleted").isEnded();
    Assertions.assertThat(list(cooperation, "annualEvaluations")).extracting(e -> e.get("evaluationResult"))
        .containsExactly("fail");
    assertThat(yearInstance(cooperation)).isWaitingAt("TimerEvent_YearBegins");
  }

  @Test
  void cooperationDOC_1_TZP_C2_everyYearsReportNeedsItsOwnReportDocument() {
    ProcessInstance cooperation = signed();
    ProcessInstance year1 = yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    Task report1 = task(year1, "Task_SubmitAnnualReport");
    ResponseEntity<Map> refused = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/task/" + report1.getId() + "/submit-form", Map.of("variables", restReport()), Map.class);
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[DOC-1]").contains("[TZP-C2]")
        .contains("年度发展情况报告");
    Assertions.assertThat(taskService.createTaskQuery().taskId(report1.getId()).count()).isOne();

    DossierUploads.uploadRequired(http, "huanglei", report1.getId());
    Assertions.assertThat(http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/task/" + report1.getId() + "/submit-form", Map.of("variables", restReport()), Void.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    evaluate(year1, "excellent");

    // Last year's report does not stand for this year's: the next report task asks for a new file.
    ProcessInstance year2 = yearBegins(cooperation, 2, "2027-11-03T00:00+08:00");
    Task report2 = task(year2, "Task_SubmitAnnualReport");
    ResponseEntity<Map> again = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/task/" + report2.getId() + "/submit-form", Map.of("variables", restReport()), Map.class);
    Assertions.assertThat((String) again.getBody().get("message")).contains("[DOC-1]");
  }

  @Test
  void cooperationTZP_C2_reportWithoutRequiredFieldsIsRefusedWith400AndTheTaskStays() {
    ProcessInstance cooperation = signed();
    ProcessInstance year1 = yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    Task report = task(year1, "Task_SubmitAnnualReport");

    Map<String, Object> incomplete = new HashMap<>(restReport());
    incomplete.remove("technologyNeeds");
    incomplete.put("rdInvestment", Map.of("value", -5));
    ResponseEntity<Map> refused = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/task/" + report.getId() + "/submit-form", Map.of("variables", incomplete), Map.class);

    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // The report form's own rules refuse first, on every route; partnerFormCheck keeps TZP-C2 for code paths
    // without the form.
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[FORM-REQUIRED] technologyNeeds")
        .contains("[FORM-MIN] rdInvestment").contains("本年度研发投入");
    Assertions.assertThat(taskService.createTaskQuery().taskId(report.getId()).count()).isOne();
  }

  @Test
  void cooperationTZP_C4_verifiedViolationTerminatesEverythingAtOnce_thenFundHandling() {
    ProcessInstance cooperation = signed();
    ProcessInstance year1 = yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    clock("2027-10-10T10:00+08:00");
    managementService.executeJob(timer(year1, "BoundaryEvent_ReportReminder").getId());

    ResponseEntity<Map> reported = http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/message", Map.of(
        "messageName", "PartnerViolationReported",
        "businessKey", "TZP-2026-songzhuang-001",
        "processVariablesToTriggeredScope", Map.of(
            "violationType", Map.of("value", "safetyEnvironmentalAccident"),
            "violationDescription", Map.of("value", "2027-10-08 厂区发生危险化学品泄漏，区应急管理局已立案。"),
            "reporterName", Map.of("value", "通州区应急管理局"))), Map.class);
    Assertions.assertThat(reported.getStatusCode().is2xxSuccessful()).as(String.valueOf(reported.getBody())).isTrue();

    Task verify = task(cooperation, "Task_VerifyViolation");
    Assertions.assertThat(verify.getName()).isEqualTo("核实违规情形：北京通州智造科技有限公司（安全环保事故）");
    assertThat(year1).isWaitingAt("Task_SubmitAnnualReport");

    // TZP-V2: a verified accident needs the verifier's word on whether it is major.
    Assertions.assertThatThrownBy(() -> complete(verify, Map.of("violationVerified", "verified",
            "violationFinding", "经区应急管理局调查报告确认，属重大安全事故。")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[TZP-V2] accidentMajor");
    complete(verify, Map.of("violationVerified", "verified", "violationFinding", "经区应急管理局调查报告确认，属重大安全事故。",
        "accidentMajor", "major"));

    // At once: in the same transaction the yearly instance, its report task and timers are gone.
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(year1.getId()).count()).isZero();
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(year1.getId())
        .singleResult().getState()).isEqualTo("INTERNALLY_TERMINATED");
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(cooperation.getId()).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly("Task_HandleFunds");
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(cooperation.getId()).count()).isZero();
    assertThat(cooperation).hasPassed("EndEvent_TerminateAgreementAfterEntry", "BoundaryEvent_AgreementTerminated", "Task_TerminateAgreement")
        .isWaitingAt("Task_HandleFunds");
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "cooperationStatus")).isEqualTo("terminated");
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "agreementTerminatedAt")).isEqualTo(at("2027-10-10T10:00+08:00"));
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "terminationTypeLabel")).isEqualTo("安全环保事故");

    Task funds = task(cooperation, "Task_HandleFunds");
    Assertions.assertThatThrownBy(() -> complete(funds, Map.of("fundDecision", "recoverPart", "fundHandlingOpinion", "按管理办法追回未使用部分")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("TZP-C4").hasMessageContaining("amountToRecover");
    complete(funds, Map.of("fundDecision", "recoverPart", "amountToRecover", 120.5,
        "fundHandlingOpinion", "依据《北京市通州区科技计划项目经费管理办法》追回未使用经费。"));

    assertThat(cooperation).hasPassed("EndEvent_AgreementTerminated", "Task_RecordCreditEntry")
        .hasNotPassed("EndEvent_CooperationCompleted").isEnded();
    // TZP-V2: the major accident is in the registry TZP-E6 reads.
    Assertions.assertThat(creditRegistry.find(CREDIT_CODE, EnumSet.of(CreditRecordType.MAJOR_ACCIDENT),
            LocalDate.parse("2024-10-10"), LocalDate.parse("2027-10-10")))
        .anySatisfy(r -> Assertions.assertThat(r.ruleId()).isEqualTo("TZP-V2"));
    Assertions.assertThat(historicList(cooperation, "violationReports")).singleElement()
        .satisfies(r -> Assertions.assertThat(r).containsEntry("violationVerified", "verified")
            .containsEntry("reporterName", "通州区应急管理局"));
  }

  @Test
  void cooperationTZP_C4_unverifiedViolationIsRecordedAndCooperationContinues_invalidTypeRefused() {
    ProcessInstance cooperation = signed();
    ProcessInstance year1 = yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    clock("2027-03-01T10:00+08:00");

    ResponseEntity<Map> wrongType = http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/message", Map.of(
        "messageName", "PartnerViolationReported", "processInstanceId", cooperation.getId(),
        "processVariablesToTriggeredScope", Map.of("violationType", Map.of("value", "lateTaxes"),
            "violationDescription", Map.of("value", "欠税"), "reporterName", Map.of("value", "某人"))), Map.class);
    Assertions.assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) wrongType.getBody().get("message")).contains("[TZP-C4] violationType").contains("lateTaxes");

    runtimeService.createMessageCorrelation("PartnerViolationReported").processInstanceId(cooperation.getId())
        .setVariablesToTriggeredScope(Map.of("violationType", "fraud",
            "violationDescription", "网络举报：申报材料中研发人员数量造假。", "reporterName", "匿名举报（12345热线）"))
        .correlate();
    Task verify = task(cooperation, "Task_VerifyViolation");
    complete(verify, Map.of("violationVerified", "notVerified", "violationFinding", "核对社保缴纳名单，研发人员数量属实，举报不成立。"));

    assertThat(cooperation).hasPassed("EndEvent_ViolationNotVerified").hasNotPassed("Task_HandleFunds");
    assertThat(year1).isWaitingAt("Task_SubmitAnnualReport");
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "cooperationStatus")).isEqualTo("active");
    Assertions.assertThat(list(cooperation, "violationReports")).singleElement()
        .satisfies(r -> Assertions.assertThat(r).containsEntry("violationVerified", "notVerified")
            .containsEntry("violationTypeLabel", "弄虚作假"));
  }

  @Test
  void cooperationTZP_C1_agreementNeedsContentAndEverySignature() {
    clock("2026-10-20T10:00+08:00");
    ProcessInstance cooperation = start();
    Task content = task(cooperation, "Task_RecordAgreementContent");
    Assertions.assertThatThrownBy(() -> complete(content, Map.of("cooperationDirection", "智能制造")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("cooperationContent");
    complete(content, agreementContent());

    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(cooperation.getId()).list())
        .extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder("Task_SignBySti", "Task_SignByLocality", "Task_SignByPartner");
    assertThat(task(cooperation, "Task_SignByLocality")).hasCandidateGroup("tz-locality-songzhuang");
    Assertions.assertThat(task(cooperation, "Task_SignByPartner").getAssignee()).isEqualTo("huanglei");
    Task sti = task(cooperation, "Task_SignBySti");
    Assertions.assertThatThrownBy(() -> complete(sti, Map.of("signatureConfirmed", false)))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("signatureConfirmed");

    complete(sti, Map.of("signatureConfirmed", true));
    complete(task(cooperation, "Task_SignByLocality"), Map.of("signatureConfirmed", true));
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "agreementSignedAt")).isNull();
    clock("2026-10-22T15:00+08:00");
    complete(task(cooperation, "Task_SignByPartner"), Map.of("signatureConfirmed", true));
    managementService.executeJob(managementService.createJobQuery().processInstanceId(cooperation.getId())
        .activityId("Task_RecordSigning").singleResult().getId());

    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "agreementSignedAt")).isEqualTo(at("2026-10-22T15:00+08:00"));
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "partnerSignedAt")).isEqualTo(at("2026-10-22T15:00+08:00"));
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "stiSignedAt")).isEqualTo(at("2026-10-20T10:00+08:00"));
    assertThat(cooperation).hasPassed("Gateway_SignaturesJoined", "Task_RecordSigning", "StartEvent_CooperationStarted");
    Assertions.assertThat(yearInstance(cooperation).getBusinessKey()).isEqualTo("TZP-2026-songzhuang-001");
  }

  @Test
  void cooperationTZP_V1_stiOfficerOpensACaseInTasklist_itIsVerifiedInTheCooperationWithTheOfficerAsReporter() {
    ProcessInstance cooperation = signed();
    yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    clock("2027-05-06T09:30+08:00");

    ResponseEntity<Map> opened = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-violation-case/submit-form", Map.of("variables", Map.of(
            "creditCode", Map.of("value", CREDIT_CODE.toLowerCase()),
            "violationType", Map.of("value", "seriousDishonesty"),
            "clueSource", Map.of("value", "区市场监管局通报"),
            "violationDescription", Map.of("value", "2027-04-28 被列入严重违法失信名单（京通市监失信〔2027〕12号）。"))), Map.class);
    Assertions.assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.OK);
    String caseId = (String) opened.getBody().get("id");
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(caseId).singleResult()
        .getEndActivityId()).isEqualTo("EndEvent_ViolationCaseForwarded");

    Task verify = task(cooperation, "Task_VerifyViolation");
    Assertions.assertThat(verify.getName()).isEqualTo("核实违规情形：北京通州智造科技有限公司（严重失信）");
    Assertions.assertThat((String) taskService.getVariable(verify.getId(), "reporterName"))
        .isEqualTo("通州区科学技术委员会（王立新）；线索来源：区市场监管局通报");
    Assertions.assertThat(taskService.getVariable(verify.getId(), "violationSubmittedBy")).isEqualTo("wanglixin");
    Assertions.assertThat(taskService.getVariable(verify.getId(), "violationCaseInstanceId")).isEqualTo(caseId);
  }

  @Test
  void cooperationTZP_V3_theOfficerWhoOpenedTheCaseCannotVerifyIt_400OnEveryRouteAndTheTaskStaysOpen() {
    ProcessInstance cooperation = signed();
    yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    clock("2027-05-06T09:30+08:00");
    ResponseEntity<Map> opened = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-violation-case/submit-form", Map.of("variables", Map.of(
            "creditCode", Map.of("value", CREDIT_CODE),
            "violationType", Map.of("value", "fraud"),
            "clueSource", Map.of("value", "日常检查"),
            "violationDescription", Map.of("value", "研发人员社保记录与申报不符。"))), Map.class);
    Assertions.assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.OK);
    Task verify = task(cooperation, "Task_VerifyViolation");
    Map<String, Object> finding = Map.of("violationVerified", Map.of("value", "verified"),
        "violationFinding", Map.of("value", "经核查社保缴纳记录，属实。"));
    DossierUploads.uploadRequired(http, "wanglixin", verify.getId());

    // The engine REST API (the route Tasklist's own mount shares): refused, naming field and rule.
    ResponseEntity<Map> self = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/task/" + verify.getId() + "/submit-form", Map.of("variables", finding), Map.class);
    Assertions.assertThat(self.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) self.getBody().get("message")).contains("[TZP-V3] violationVerified")
        .contains("不能核实本人提出的案件");

    // Renaming the opener in the same submission does not help: the form shows it read-only, so the value is dropped.
    Map<String, Object> renamed = new HashMap<>(finding);
    renamed.put("violationSubmittedBy", Map.of("value", "chenxiaoyan"));
    ResponseEntity<Map> disguised = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/task/" + verify.getId() + "/submit-form", Map.of("variables", renamed), Map.class);
    Assertions.assertThat(disguised.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) disguised.getBody().get("message")).contains("[TZP-V3]");

    // The Java API as the same officer: the same refusal from the same listener.
    engine.getIdentityService().setAuthentication("wanglixin", List.of("tz-sti"));
    try {
      Assertions.assertThatThrownBy(() -> taskService.complete(verify.getId(), Map.of("violationVerified", "verified",
          "violationFinding", "经核查社保缴纳记录，属实。"))).hasMessageContaining("[TZP-V3]");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    Assertions.assertThat(taskService.createTaskQuery().taskId(verify.getId()).count()).isOne();
    Assertions.assertThat(runtimeService.getVariable(cooperation.getId(), "violationReports")).satisfiesAnyOf(
        r -> Assertions.assertThat(r).isNull(), r -> Assertions.assertThat((List<?>) r).isEmpty());
    Assertions.assertThat(taskService.getVariable(verify.getId(), "violationSubmittedBy")).isEqualTo("wanglixin");

    // Another officer of tz-sti verifies it.
    ResponseEntity<Void> other = http.withBasicAuth("chenxiaoyan", "demo").postForEntity(
        "/engine-rest/task/" + verify.getId() + "/submit-form", Map.of("variables", finding), Void.class);
    Assertions.assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(cooperation).hasPassed("Task_VerifyViolation", "Task_RecordViolationFinding");
  }

  @Test
  void cooperationTZP_V1_aCaseNeedsAPartnerInItsCooperationPeriod_refusedWith400AndNothingStarted() {
    clock("2026-11-02T10:00+08:00");
    ProcessInstance unsigned = start();
    long cases = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("partner-violation-case").count();
    Map<String, Object> variables = Map.of(
        "creditCode", Map.of("value", CREDIT_CODE), "violationType", Map.of("value", "fraud"),
        "clueSource", Map.of("value", "日常检查"), "violationDescription", Map.of("value", "研发人员社保记录与申报不符。"));

    // Agreement not signed yet: no cooperation period to end.
    ResponseEntity<Map> refused = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-violation-case/submit-form", Map.of("variables", variables), Map.class);
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message")).contains("[TZP-V1] creditCode").contains("合作期内");
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(unsigned.getId())
        .taskDefinitionKey("Task_VerifyViolation").count()).isZero();
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("partner-violation-case")
        .count()).isEqualTo(cases);

    // Only the district commission opens cases; a locality clerk is refused before the engine runs anything.
    ResponseEntity<Map> locality = http.withBasicAuth("sunpeng", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-violation-case/submit-form", Map.of("variables", variables), Map.class);
    Assertions.assertThat(locality.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("partner-violation-case")
        .count()).isEqualTo(cases);
  }

  @Test
  @SuppressWarnings("unchecked")
  void cooperationTZP_V2_verifiedSeriousDishonestyIsWrittenToTheCreditRegistryThatTZP_E5Reads() {
    ProcessInstance cooperation = signed();
    yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    clock("2027-06-01T10:00+08:00");
    report(cooperation, "seriousDishonesty", "被列入严重违法失信名单。");
    Task verify = task(cooperation, "Task_VerifyViolation");
    engine.getIdentityService().setAuthentication("chenxiaoyan", List.of("tz-sti"));
    complete(verify, Map.of("violationVerified", "verified",
        "violationFinding", "经核查市场监管部门公示信息，属实。"));
    engine.getIdentityService().clearAuthentication();

    assertThat(cooperation).hasPassed("Gateway_CreditEntry", "Task_RecordCreditEntry").isWaitingAt("Task_HandleFunds");
    String recordId = (String) ((Map<String, Object>) runtimeService.getVariable(cooperation.getId(), "creditRecordEntry"))
        .get("creditRecordInstanceId");
    // The same query window TZP-E5 uses: three years back from an application made today.
    List<CreditRecord> records = creditRegistry.find(CREDIT_CODE,
        EnumSet.of(CreditRecordType.SERIOUS_DISHONESTY, CreditRecordType.BAD_CREDIT),
        LocalDate.parse("2024-06-01"), LocalDate.parse("2027-06-01"));
    Assertions.assertThat(records).filteredOn(r -> r.processInstanceId().equals(recordId)).singleElement().satisfies(r -> {
      Assertions.assertThat(r.ruleId()).isEqualTo("TZP-V2");
      Assertions.assertThat(r.recordedBy()).isEqualTo("chenxiaoyan");
      Assertions.assertThat(r.recordDate()).isEqualTo(LocalDate.parse("2027-06-01"));
      Assertions.assertThat(r.source()).contains("TZP-2026-songzhuang-001").contains("严重失信");
      Assertions.assertThat(r.description()).contains("经核查市场监管部门公示信息");
    });
    Assertions.assertThat((Map<String, Object>) runtimeService.getVariable(cooperation.getId(), "creditRecordEntry"))
        .containsEntry("recordTypeLabel", "严重失信").containsEntry("recordedBy", "chenxiaoyan");
  }

  @Test
  void cooperationTZP_V2_fraudAndMinorAccidentsEndTheAgreementWithoutARegistryEntry() {
    ProcessInstance cooperation = signed();
    yearBegins(cooperation, 1, "2026-11-02T10:00+08:00");
    clock("2027-06-01T10:00+08:00");
    int recordsBefore = creditRegistry.all(CREDIT_CODE).size();
    report(cooperation, "safetyEnvironmentalAccident", "车间发生一般火灾，无人员伤亡。");
    complete(task(cooperation, "Task_VerifyViolation"), Map.of("violationVerified", "verified",
        "violationFinding", "经区应急管理局认定为一般事故。", "accidentMajor", "notMajor"));

    assertThat(cooperation).hasPassed("Gateway_CreditEntry", "EndEvent_TerminateAgreement")
        .hasNotPassed("Task_RecordCreditEntry").isWaitingAt("Task_HandleFunds");
    Assertions.assertThat(creditRegistry.all(CREDIT_CODE)).hasSize(recordsBefore);
    Assertions.assertThat(ViolationCreditEntry.typeFor("fraud", "verified", null)).isEmpty();
    Assertions.assertThat(ViolationCreditEntry.typeFor("seriousDishonesty", "notVerified", null)).isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A violation report delivered as the portal delivers it. */
  private void report(ProcessInstance cooperation, String type, String description) {
    runtimeService.createMessageCorrelation("PartnerViolationReported").processInstanceId(cooperation.getId())
        .setVariablesToTriggeredScope(Map.of("violationType", type, "violationDescription", description,
            "reporterName", "通州区市场监管局"))
        .correlate();
  }

  private ProcessInstance start() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicant", "huanglei");
    variables.put("organisationName", "北京通州智造科技有限公司");
    variables.put("creditCode", CREDIT_CODE);
    variables.put("localityGroup", "tz-locality-songzhuang");
    variables.put("callId", "TZP-2026");
    variables.put("applicationInstanceId", "app-songzhuang-001");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY, "TZP-2026-songzhuang-001", variables);
    started.add(instance.getId());
    return instance;
  }

  /** Agreement content recorded and signed by all three parties on 2026-11-02 10:00. */
  private ProcessInstance signed() {
    clock("2026-11-02T10:00+08:00");
    ProcessInstance cooperation = start();
    complete(task(cooperation, "Task_RecordAgreementContent"), agreementContent());
    for (String sign : List.of("Task_SignBySti", "Task_SignByLocality", "Task_SignByPartner")) {
      complete(task(cooperation, sign), Map.of("signatureConfirmed", true));
    }
    managementService.executeJob(managementService.createJobQuery().processInstanceId(cooperation.getId())
        .activityId("Task_RecordSigning").singleResult().getId());
    return cooperation;
  }

  /** The yearly instance waits for its year; the year-start timer is due then and fires. */
  private ProcessInstance yearBegins(ProcessInstance cooperation, int year, String yearStart) {
    ProcessInstance instance = yearInstance(cooperation);
    Assertions.assertThat(((Number) runtimeService.getVariable(instance.getId(), "cooperationYear")).intValue()).isEqualTo(year);
    Job begins = timer(instance, "TimerEvent_YearBegins");
    Assertions.assertThat(begins.getDuedate()).isEqualTo(at(yearStart));
    clock(yearStart);
    managementService.executeJob(begins.getId());
    return instance;
  }

  private ProcessInstance yearInstance(ProcessInstance cooperation) {
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(cooperation.getId())
        .processDefinitionKey(YEAR_KEY).singleResult();
  }

  private void evaluate(ProcessInstance year, String result) {
    Task locality = task(year, "Task_LocalityOpinion");
    assertThat(locality).hasCandidateGroup("tz-locality-songzhuang");
    complete(locality, Map.of("localityOpinion", "属地服务需求已协调解决。"));
    Task evaluation = task(year, "Task_AnnualEvaluation");
    assertThat(evaluation).hasCandidateGroup("tz-sti");
    Assertions.assertThatThrownBy(() -> complete(evaluation, Map.of("evaluationResult", "superb", "evaluationOpinion", "好")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("TZP-C3").hasMessageContaining("evaluationResult");
    complete(evaluation, Map.of("evaluationResult", result, "evaluationOpinion", "按年度评估标准评定。"));
  }

  private static Map<String, Object> agreementContent() {
    return Map.of("cooperationDirection", "智能制造装备共性技术", "cooperationContent", "共建中试基地，三年内释放10项技术需求。");
  }

  private static Map<String, Object> report() {
    return Map.of("progressSummary", "完成中试线建设", "technologyNeeds", "工业视觉检测需求2项",
        "projects", "承担区级攻关项目1项", "rdInvestment", 860, "problems", "人才公寓需求");
  }

  private static Map<String, Object> restReport() {
    Map<String, Object> variables = new HashMap<>();
    report().forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
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

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> historicList(ProcessInstance instance, String name) {
    return (List<Map<String, Object>>) historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).singleResult().getValue();
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
