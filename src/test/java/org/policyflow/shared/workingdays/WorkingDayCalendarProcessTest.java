package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.EngineStateRestored;
import org.policyflow.testsupport.EngineStateRestored.Started;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The process working-day-calendar (policy-rules F): a year is entered from the State Council's notice,
 * confirmed by another office (WDC-C1), takes effect at once, and what had stopped for want of it resumes
 * (WDC-M1). Driven through the engine's form service as Tasklist submits forms, with the engine clock.
 */
@PolicyflowIntegrationTest
@ExtendWith({CalendarYearsRestored.class, EngineStateRestored.class})
class WorkingDayCalendarProcessTest {

  static final List<String> TZ_STI = List.of("tz-sti");
  static final List<String> BJ_STI = List.of("bj-sti");
  static final List<String> YC_STB = List.of("yc-stb");

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired WorkingDayCalendar calendar;
  @Autowired CalendarUpkeep upkeep;

  private final Started started;

  WorkingDayCalendarProcessTest(Started started) {
    this.started = started;
  }

  @Test
  void calendarWDC_M1_callReachingMissing2027IsRefusedWithTheLastCountableDeadline_andStartsOnceTwoOfficesConfirmed2027() {
    clock("2026-11-30T10:00+08:00");
    Map<String, Object> call = Map.of("callYear", 2026, "callTitle", "2026年第二批创新伙伴征集",
        "applicationDeadline", "2026-12-28", "places", 5, "defaultLocalityQuota", 2);

    LocalDate latest = calendar.latestStart(10, LocalDate.of(2026, 12, 31)).orElseThrow();
    assertThat(latest).isEqualTo(LocalDate.of(2026, 12, 17));
    long callsBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey("partner-call").count();
    String partnerCall = definition("partner-call");
    assertThatThrownBy(() -> as("wanglixin", TZ_STI, () -> formService.submitStartForm(partnerCall, call)))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[WDC-M1] applicationDeadline")
        .hasMessageContaining("申报截止日期最晚可定为 2026-12-17")
        .hasMessageContaining("2027");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("partner-call").count()).isEqualTo(callsBefore);

    ProcessInstance entry = enter("wanglixin", TZ_STI, provisional2027());
    Task confirm = confirmTask(entry);
    assertThat(taskService.getIdentityLinksForTask(confirm.getId())).extracting(IdentityLink::getGroupId)
        .containsExactlyInAnyOrder("bj-sti", "yc-stb", "camunda-admin");
    assertThat(runtimeService.getVariable(entry.getId(), "calendarPreview").toString())
        .contains("| 2月 | 8日（一）、9日（二）、10日（三）、11日（四）、12日（五） | — |");
    decide("lijianguo", BJ_STI, confirm, "confirm", null);

    assertThat(calendar.years()).contains(2027);
    assertThat(runtimeService.getVariable(entry.getId(), "calendarVersion")).isEqualTo("2027年第1版（测试专用安排）");
    assertThat(entry).isWaitingAt("Task_ResumeDeadlines");
    executeJob(entry);
    assertThat(entry).hasPassed("Task_ResumeDeadlines").isEnded();

    ProcessInstance published = as("wanglixin", TZ_STI, () -> formService.submitStartForm(partnerCall, call));
    started.add(published);
    // 2026-12-28 + 10 working days: 12-29…12-31, (New Year 01-01…01-03), 01-04…01-08, 01-11, 01-12.
    assertThat(runtimeService.getVariable(published.getId(), "recommendationClosesAt")).isEqualTo(at("2027-01-13T00:00+08:00"));
  }

  @Test
  void calendarWDC_M1_noticeTimerIncidentFor2027IsRetriedOnConfirmation_andTheTimerFiresOnTheRightDay() {
    clock("2026-12-28T10:00+08:00");
    ProcessInstance notice = runtimeService.startProcessInstanceByKey("public-notice", Map.of(
        "noticeTitle", "拟入选名单公示", "noticeDays", 5, "candidates", List.of(candidate()), "objectionReviewGroup", "tz-sti",
        "programme", "TZP", "noticeChannel", "通州区人民政府网站", "noticeAddress", "https://www.bjtzh.gov.cn/gsgg/"));
    started.add(notice);
    Job publish = managementService.createJobQuery().processInstanceId(notice.getId()).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(publish.getId())).hasMessageContaining("2027");
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(notice.getId()).singleResult().getIncidentMessage())
        .startsWith(MissingCalendarYearException.marker(2027));

    CalendarUpkeep.Status warning = upkeep.status();
    assertThat(warning.warning()).isTrue();
    assertThat(warning.nextYearMissing()).isTrue();
    assertThat(warning.waitingJobs()).isEqualTo(1);
    assertThat(warning.lastCountableDay()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(warning.message()).contains("2027年节假日安排尚未录入工作日历").contains("已有 1 个期限因此暂停");

    ProcessInstance entry = enter("hewei", YC_STB, provisional2027());
    decide("wanglixin", TZ_STI, confirmTask(entry), "confirm", null);
    executeJob(entry);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(entry.getId())
        .variableName("resumedDeadlines").singleResult().getValue()).isEqualTo(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(notice.getId()).count()).isZero();
    assertThat(upkeep.status().warning()).isFalse();

    managementService.executeJob(publish.getId());
    Job timer = managementService.createJobQuery().processInstanceId(notice.getId()).timers().singleResult();
    // 2026-12-28 + 5 working days: 12-29, 12-30, 12-31, (New Year 01-01…01-03), 01-04, 01-05 → fires 01-06 00:00.
    assertThat(timer.getDuedate()).isEqualTo(at("2027-01-06T00:00+08:00"));
    clock("2027-01-05T23:59+08:00");
    assertThat(managementService.createJobQuery().processInstanceId(notice.getId()).executable().count()).isZero();
    clock("2027-01-06T00:00+08:00");
    managementService.executeJob(timer.getId());
    assertThat(notice).hasPassed("TimerEvent_NoticePeriodEnded");

    HistoricVariableInstance versions = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(notice.getId()).variableName(CalendarVersionRecorder.VARIABLE).singleResult();
    assertThat(versions.getValue().toString()).contains("2026年第1版").contains("2027年第1版（测试专用安排）");
  }

  @Test
  void calendarWDC_C1_theEntrantAndTheEntrantsOfficeCannotConfirm() {
    clock("2026-11-30T10:00+08:00");
    ProcessInstance entry = enter("demo", List.of("camunda-admin"), provisional2027());
    Task confirm = confirmTask(entry);

    assertThatThrownBy(() -> decide("demo", List.of("camunda-admin"), confirm, "confirm", null))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[WDC-C1]").hasMessageContaining("四眼原则");
    assertThat(calendar.years()).doesNotContain(2027);

    ProcessInstance byTongzhou = enter("wanglixin", TZ_STI, provisional2027());
    Task tongzhouConfirm = confirmTask(byTongzhou);
    assertThat(as("chenxiaoyan", TZ_STI, () -> taskService.createTaskQuery().taskId(tongzhouConfirm.getId()).count()))
        .as("the entrant's office does not see the confirmation").isZero();
    assertThatThrownBy(() -> decide("demo", List.of("camunda-admin", "tz-sti"), tongzhouConfirm, "confirm", null))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[WDC-C1]").hasMessageContaining("录入部门");
    assertThat(calendar.years()).doesNotContain(2027);
    assertThat(taskService.createTaskQuery().taskId(tongzhouConfirm.getId()).count()).isOne();
  }

  @Test
  void calendarWDC_C1_onlyTheListedOfficesStartTheProcessAndConfirm() {
    clock("2026-11-30T10:00+08:00");
    assertThatThrownBy(() -> enter("huanglei", List.of("applicants"), provisional2027()))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> enter("zhoujing", List.of("bj-district-sti"), provisional2027()))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> enter("qianfang", List.of("auditors"), provisional2027()))
        .isInstanceOf(AuthorizationException.class);
    ProcessInstance entry = enter("lijianguo", BJ_STI, provisional2027());
    assertThat(entry).isWaitingAt("Task_ConfirmArrangement");

    Task confirm = confirmTask(entry);
    assertThatThrownBy(() -> decide("zhoujing", List.of("bj-district-sti"), confirm, "confirm", null))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> decide("qianfang", List.of("auditors"), confirm, "confirm", null))
        .isInstanceOf(AuthorizationException.class);
    assertThat(calendar.years()).doesNotContain(2027);
  }

  @Test
  void calendarWDC_V1_anEntryBreakingTheNoticesRulesIsRefusedAtTheFormNamingTheField() {
    clock("2026-11-30T10:00+08:00");
    Map<String, Object> wrong = provisional2027();
    wrong.put("workingWeekends", "2027-02-10");
    wrong.put("noticeNumber", "");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("working-day-calendar").count();

    assertThatThrownBy(() -> enter("wanglixin", TZ_STI, wrong))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[WDC-V1] noticeNumber")
        .hasMessageContaining("[WDC-V1] workingWeekends: 调休上班日 2027-02-10 不是周六或周日");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("working-day-calendar").count())
        .isEqualTo(before);
  }

  @Test
  void calendarWDC_V2_aCorrectionOfAConfirmedYearNeedsAReason_isReturnedRevisedConfirmed_andRecordsWhatChanged() {
    clock("2026-11-30T10:00+08:00");
    Map<String, Object> corrected = arrangement2026();
    corrected.put("workingWeekends", "2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20");
    assertThatThrownBy(() -> enter("hewei", YC_STB, corrected))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[WDC-V2] correctionReason");
    assertThatThrownBy(() -> enter("hewei", YC_STB, arrangement2026("核对通知")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[WDC-V2] holidays").hasMessageContaining("完全相同");

    corrected.put("correctionReason", "按通知更正");
    ProcessInstance entry = enter("hewei", YC_STB, corrected);
    assertThat(runtimeService.getVariable(entry.getId(), "calendarChanges")).isEqualTo("取消调休上班日 2026-10-10");
    decide("lijianguo", BJ_STI, confirmTask(entry), "return", "10月10日仍为调休上班日，请核对通知原文");
    Task revise = taskService.createTaskQuery().processInstanceId(entry.getId()).singleResult();
    assertThat(revise.getAssignee()).isEqualTo("hewei");
    assertThat(revise.getName()).isEqualTo("修改：2026年节假日安排（更正）");

    Map<String, Object> resubmitted = arrangement2026("通知附件中10月10日的调休安排按更正后的通知执行");
    resubmitted.put("holidays", resubmitted.get("holidays") + "\n元旦 2026-12-31");
    resubmitted.put("reviseDecision", "resubmit");
    as("hewei", YC_STB, () -> { formService.submitTaskForm(revise.getId(), resubmitted); return null; });
    assertThat(runtimeService.getVariable(entry.getId(), "calendarChanges")).isEqualTo("新增放假日 2026-12-31");
    decide("lijianguo", BJ_STI, confirmTask(entry), "confirm", null);
    executeJob(entry);

    List<ConfirmedYear> versions = calendar.store().orElseThrow().revisions(2026);
    assertThat(versions).extracting(ConfirmedYear::revision).containsExactly(1, 2);
    assertThat(versions.get(1).changes()).isEqualTo("更正原因：通知附件中10月10日的调休安排按更正后的通知执行；新增放假日 2026-12-31");
    assertThat(versions.get(1).enteredBy()).isEqualTo("hewei");
    assertThat(versions.get(1).confirmedBy()).isEqualTo("lijianguo");
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 31))).isFalse();
  }

  @Test
  void calendarWDC_V1_aReturnedEntryCanBeWithdrawn() {
    clock("2026-11-30T10:00+08:00");
    ProcessInstance entry = enter("wanglixin", TZ_STI, provisional2027());
    assertThatThrownBy(() -> decide("lijianguo", BJ_STI, confirmTask(entry), "return", null))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("[WDC-V1] confirmComment");
    decide("lijianguo", BJ_STI, confirmTask(entry), "return", "春节放假日期有误");
    Task revise = taskService.createTaskQuery().processInstanceId(entry.getId()).singleResult();
    as("wanglixin", TZ_STI, () -> { formService.submitTaskForm(revise.getId(), Map.of("reviseDecision", "withdraw")); return null; });
    assertThat(entry).hasPassed("EndEvent_EntryWithdrawn").isEnded();
    assertThat(calendar.years()).doesNotContain(2027);
  }

  // ------------------------------------------------------------------------------------------ helpers

  private ProcessInstance enter(String user, List<String> groups, Map<String, Object> form) {
    String definitionId = definition("working-day-calendar");
    ProcessInstance instance = as(user, groups, () -> formService.submitStartForm(definitionId, form));
    return started.add(instance);
  }

  private String definition(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
  }

  private Task confirmTask(ProcessInstance entry) {
    Task task = taskService.createTaskQuery().processInstanceId(entry.getId()).taskDefinitionKey("Task_ConfirmArrangement")
        .singleResult();
    assertThat(task).as("confirmation task").isNotNull();
    return task;
  }

  private void decide(String user, List<String> groups, Task task, String decision, String comment) {
    Map<String, Object> values = new HashMap<>();
    values.put("calendarDecision", decision);
    values.put("confirmComment", comment);
    as(user, groups, () -> {
      formService.submitTaskForm(task.getId(), values);
      return null;
    });
  }

  private void executeJob(ProcessInstance instance) {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId());
  }

  private <T> T as(String user, List<String> groups, Supplier<T> work) {
    identityService.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The test-only provisional 2027 arrangement (src/test/resources/working-days-provisional) as form values. */
  static Map<String, Object> provisional2027() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("calendarYear", 2027);
    form.put("noticeTitle", "测试专用的临时安排");
    form.put("noticeNumber", "测试专用安排");
    form.put("noticeDate", "2026-11-20");
    form.put("holidays", """
        元旦 2027-01-01 至 2027-01-03
        春节 2027-02-06 至 2027-02-12
        清明节 2027-04-03 至 2027-04-05
        劳动节 2027-05-01 至 2027-05-05
        端午节 2027-06-09 至 2027-06-11
        中秋节 2027-09-15 至 2027-09-17
        国庆节 2027-10-01 至 2027-10-07""");
    form.put("workingWeekends", "");
    return form;
  }

  /** The shipped 2026 arrangement (国办发明电〔2025〕7号) as an office would enter it again. */
  static Map<String, Object> arrangement2026(String correctionReason) {
    Map<String, Object> form = arrangement2026();
    form.put("correctionReason", correctionReason);
    return form;
  }

  static Map<String, Object> arrangement2026() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("calendarYear", 2026);
    form.put("noticeNumber", "国办发明电〔2025〕7号");
    form.put("noticeDate", "2025-11-04");
    form.put("noticeLink", "https://www.gov.cn/zhengce/content/");
    form.put("holidays", """
        元旦 2026-01-01 至 2026-01-03
        春节 2026-02-15 至 2026-02-23
        清明节 2026-04-04 至 2026-04-06
        劳动节 2026-05-01 至 2026-05-05
        端午节 2026-06-19 至 2026-06-21
        中秋节 2026-09-25 至 2026-09-27
        国庆节 2026-10-01 至 2026-10-07""");
    form.put("workingWeekends", "2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10");
    return form;
  }

  private static Map<String, Object> candidate() {
    Map<String, Object> candidate = new LinkedHashMap<>();
    candidate.put("candidateId", "app-songzhuang-001");
    candidate.put("organisationName", "北京通州智造科技有限公司");
    candidate.put("creditCode", "91110112MA01AAAA1X");
    candidate.put("localityGroup", "tz-locality-songzhuang");
    return candidate;
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
