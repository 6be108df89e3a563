package org.policyflow.shared.experts;

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
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** expert-review on the engine: every path, EXP-1…EXP-3, deadline reminder and replacement. */
@PolicyflowIntegrationTest
class ExpertReviewProcessTest {

  static final List<String> MEMBERS = List.of("北京大学", "中国科学院微电子研究所");
  static final Map<String, String> ORGANISATIONS = Map.of(
      "zhanghua", "清华大学", "lina", "北京大学", "wuqiang", "中国科学院微电子研究所", "zhengli", "北京航空航天大学",
      "fenggang", "北京理工大学", "yangfan", "中国信息通信研究院", "malin", "重庆大学", "gaofeng", "北京交通大学",
      "zhumin", "中国人民大学");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate http;

  private ExpertReviewDriver experts;
  private final List<String> started = new ArrayList<>();
  private final List<String> addedUsers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    init(engine);
    experts = new ExpertReviewDriver(engine);
    clock("2025-11-03T09:00+08:00");
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
    for (String id : started) {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtimeService.deleteProcessInstance(id, "test cleanup");
      }
    }
    addedUsers.forEach(identityService::deleteUser);
  }

  @Test
  void expertsEXP_3_independentScoresGiveMeanAndPass() {
    ProcessInstance review = start("清华大学", MEMBERS, null);
    experts.executeAsyncJobs(review.getId());
    List<Task> tasks = experts.scoreTasks(review.getId());
    Assertions.assertThat(tasks).hasSize(5);
    Assertions.assertThat(tasks).extracting(Task::getName).allMatch(n -> n.equals("评审（材料审查）：北京芯联创新联合体"));
    Assertions.assertThat(tasks).allSatisfy(t -> Assertions.assertThat(t.getDueDate())
        .as("5 working days from 2025-11-03").isEqualTo(at("2025-11-11T00:00+08:00")));

    int[] scores = {70, 80, 90, 65, 75};
    for (int i = 0; i < tasks.size(); i++) {
      experts.score(tasks.get(i), scores[i], "意见" + i + "：方案可行，建议加强产业化。");
      if (i < tasks.size() - 1) {
        // EXP-3: an expert still scoring sees nothing of the scores already given.
        Map<String, Object> visible = taskService.getVariables(tasks.get(tasks.size() - 1).getId());
        Assertions.assertThat(visible).doesNotContainKeys("reviewEntry", "reviewScores", "reviewMeanScore");
        Assertions.assertThat(visible.get("score")).isNull();
      }
    }
    experts.executeAsyncJobs(review.getId());

    assertThat(review).hasPassed("Task_EvaluateReview", "EndEvent_ReviewCompleted").isEnded();
    Map<String, Object> result = historicVariables(review.getId());
    Assertions.assertThat(result.get("reviewMeanScore")).isEqualTo(76.0);
    Assertions.assertThat(result.get("reviewPassed")).isEqualTo(true);
    Assertions.assertThat(result.get("reviewOutcome")).isEqualTo("passed");
    Assertions.assertThat(result.get("reviewStage")).isEqualTo("材料审查");
    List<Map<String, Object>> reviewScores = VariableValues.rows(result.get("reviewScores"));
    Assertions.assertThat(reviewScores).hasSize(5).allSatisfy(s -> {
      Assertions.assertThat(s).containsKeys("expert", "organisation", "score", "comment");
      Assertions.assertThat((String) s.get("organisation")).isNotIn("清华大学", "北京大学", "中国科学院微电子研究所");
    });
    Assertions.assertThat(reviewScores).extracting(s -> ((Number) s.get("score")).intValue())
        .containsExactlyInAnyOrder(70, 80, 90, 65, 75);
  }

  @Test
  void expertsEXP_3_aMeanBelowTheThresholdFails() {
    ProcessInstance review = start("清华大学", MEMBERS, null);
    experts.scoreAll(review.getId(), 55);
    Map<String, Object> result = historicVariables(review.getId());
    Assertions.assertThat(result.get("reviewPassed")).isEqualTo(false);
    Assertions.assertThat(result.get("reviewOutcome")).isEqualTo("failed");
    Assertions.assertThat(result.get("reviewMeanScore")).isEqualTo(55.0);
  }

  @Test
  void expertsEXP_2_memberOrganisationNeverDrawn() {
    for (int i = 0; i < 5; i++) {
      ProcessInstance review = start("北京航空航天大学", List.of("北京大学", "清华大学", "中国人民大学"), null);
      List<String> panel = VariableValues.strings(runtimeService.getVariable(review.getId(), "panel"));
      Assertions.assertThat(panel).hasSize(5).doesNotContain("zhengli", "lina", "zhanghua", "zhumin");
      Map<String, Object> draw = VariableValues.map(runtimeService.getVariable(review.getId(), "panelDraw"));
      Assertions.assertThat(VariableValues.map(draw.get("excluded"))).containsKeys("zhengli", "lina", "zhanghua", "zhumin");
      Assertions.assertThat(draw).containsKeys("seed", "candidates", "eligible", "drawn");
      runtimeService.deleteProcessInstance(review.getId(), "next draw");
    }
  }

  @Test
  void expertsEXP_3_aScoreOutsideTheScaleOrWithoutCommentIsRefusedWith400() {
    ProcessInstance review = start("清华大学", MEMBERS, null);
    experts.executeAsyncJobs(review.getId());
    Task task = experts.scoreTasks(review.getId()).get(0);
    ResponseEntity<Map> refused = http.withBasicAuth(task.getAssignee(), "demo").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Map.of("criterion1Score", Map.of("value", 120), "comment", Map.of("value", " "),
            "noConflictOfInterest", Map.of("value", false))), Map.class);
    Assertions.assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    // The score form's own rules (0–100, comment and declaration required) refuse first, on every route;
    // RecordExpertScoreDelegate keeps EXP-3 / EXP-2 for code paths without the form.
    Assertions.assertThat((String) refused.getBody().get("message"))
        .contains("[FORM-MAX] criterion1Score").contains("[FORM-REQUIRED] criterion2Score").contains("[FORM-REQUIRED] comment").contains("[FORM-REQUIRED] noConflictOfInterest");
    Assertions.assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();

    ResponseEntity<Map> accepted = http.withBasicAuth(task.getAssignee(), "demo").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", restVariables(experts.sheet(task, 88.5, "攻关方向明确，成员互补性强。"))), Map.class);
    Assertions.assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void expertsEXP_3_eachStageScoresTheCriteriaOfItsDecisionTable() {
    Map<String, List<String>> expected = Map.of(
        "bj-material", List.of("技术需求的必要性", "技术需求的紧迫性", "技术需求的可实施性", "牵头单位研发实力与资源整合能力",
            "成员单位合作基础与互补性"),
        "yc-argumentation", List.of("技术攻关方向与技术路线（技术论证）", "理事会与运行机制（管理论证）", "牵头企业与成员单位的优势",
            "建设发展目标的先进性与可行性"),
        "tic-evaluation", List.of("行业影响力", "总体目标的先进性与可考核性", "技术攻关能力与成效", "研发投入情况"),
        "partner-review", List.of("技术创新水平行业领先", "属地特色产业贡献"));
    expected.forEach((stage, labels) -> {
      Map<String, Object> variables = variables("清华大学", MEMBERS);
      variables.put("reviewCriteriaStage", stage);
      ProcessInstance review = runtimeService.startProcessInstanceByKey("expert-review", variables);
      started.add(review.getId());
      assertThat(review).hasPassed("Task_DetermineCriteria", "Task_DeterminePassLine");
      Assertions.assertThat(ReviewCriterion.fromVariable(runtimeService.getVariable(review.getId(), "reviewCriteria")))
          .as(stage).extracting(ReviewCriterion::label).containsExactlyElementsOf(labels);
      experts.executeAsyncJobs(review.getId());
      // The expert's form has one row per criterion, labelled from the table.
      Task task = experts.scoreTasks(review.getId()).get(0);
      Map<String, Object> form = taskService.getVariables(task.getId());
      Assertions.assertThat(form).containsEntry("criterionCount", labels.size())
          .containsEntry("criterion1Label", labels.get(0)).containsEntry("passThreshold", 60.0)
          .doesNotContainKey("criterion" + (labels.size() + 1) + "Label");
    });
  }

  @Test
  void expertsEXP_3_anUnknownStageStopsTheReviewBeforeAnyExpertIsAsked() {
    Map<String, Object> variables = variables("清华大学", MEMBERS);
    variables.put("reviewCriteriaStage", "no-such-stage");
    Assertions.assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("expert-review", variables))
        .hasMessageContaining("没有评审环节“no-such-stage”的评价指标");
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("expert-review")
        .variableValueEquals("reviewCriteriaStage", "no-such-stage").count()).isZero();
  }

  @Test
  void expertsEXP_4_aScoreUnderACriterionsThresholdWithoutAReasonIsRefusedWith400AndChangesNothing() {
    ProcessInstance review = start("清华大学", MEMBERS, null);
    experts.executeAsyncJobs(review.getId());
    Task task = experts.scoreTasks(review.getId()).get(0);
    Map<String, Object> values = experts.sheet(task, 80, "技术路线清晰，紧迫性论证不足。");
    values.put("criterion2Score", 45);

    ResponseEntity<Map> refused = http.withBasicAuth(task.getAssignee(), "demo").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", restVariables(values)), Map.class);
    Assertions.assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat((String) refused.getBody().get("message"))
        .contains("[EXP-4] criterion2Reason: “技术需求的紧迫性”评分 45 分，低于单项分数线 60 分，请书面说明理由")
        .contains("Criterion 'urgency' is scored 45, under its threshold of 60: write the reason");
    Assertions.assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
    Assertions.assertThat(taskService.getVariables(task.getId())).doesNotContainKey("reviewEntry")
        .containsEntry("criterion2Score", null);

    values.put("criterion2Reason", "缺少产业链断点与替代方案分析，紧迫性论证不足。");
    ResponseEntity<Map> accepted = http.withBasicAuth(task.getAssignee(), "demo").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", restVariables(values)), Map.class);
    Assertions.assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void expertsEXP_3_perCriterionScoresGiveEachCriterionsMeanSpreadAndTheWeightedScore() {
    ProcessInstance review = start("清华大学", MEMBERS, null);
    experts.executeAsyncJobs(review.getId());
    List<Task> tasks = experts.scoreTasks(review.getId());
    int[] urgency = {50, 70, 80, 90, 60};
    for (int i = 0; i < tasks.size(); i++) {
      Map<String, Object> values = experts.sheet(tasks.get(i), 80, "意见" + i + "：方案可行，建议加强产业化。");
      values.put("criterion2Score", urgency[i]);
      if (urgency[i] < 60) {
        values.put("criterion2Reason", "紧迫性论证不足。");
      }
      experts.complete(tasks.get(i), values);
    }
    experts.executeAsyncJobs(review.getId());

    Map<String, Object> result = historicVariables(review.getId());
    Map<String, Object> byCriteria = VariableValues.map(result.get("reviewCriteriaResult"));
    List<Map<String, Object>> criteria = VariableValues.rows(byCriteria.get("criteria"));
    Assertions.assertThat(criteria).hasSize(5);
    Assertions.assertThat(criteria.get(1)).containsEntry("code", "urgency").containsEntry("mean", 70.0)
        .containsEntry("min", 50.0).containsEntry("max", 90.0).containsEntry("standardDeviation", 14.14)
        .containsEntry("belowThresholdCount", 1).containsEntry("passed", true);
    Assertions.assertThat(criteria.get(0)).containsEntry("mean", 80.0).containsEntry("standardDeviation", 0.0);
    // Weights 25/20/25/15/15: 0.8·80 + 0.2·70 = 78
    Assertions.assertThat(byCriteria).containsEntry("overallScore", 78.0).containsEntry("passed", true)
        .containsEntry("passThreshold", 60.0).containsEntry("experts", 5);
    Assertions.assertThat(result.get("reviewMeanScore")).isEqualTo(78.0);
    Assertions.assertThat(result.get("reviewPassed")).isEqualTo(true);
    Assertions.assertThat(VariableValues.rows(result.get("reviewScores"))).allSatisfy(s ->
        Assertions.assertThat(VariableValues.rows(s.get("criteria"))).hasSize(5));
    Assertions.assertThat(VariableValues.rows(result.get("reviewScores")))
        .anySatisfy(s -> Assertions.assertThat(VariableValues.rows(s.get("criteria")).get(1))
            .containsEntry("score", 50.0).containsEntry("reason", "紧迫性论证不足。"));
  }

  @Test
  void expertsEXP_1_aPanelSizeOverrideMustBeOdd() {
    Map<String, Object> variables = variables("清华大学", MEMBERS);
    variables.put("panelSize", 4);
    Assertions.assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("expert-review", variables))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("EXP-1");

    variables.put("panelSize", 3);
    ProcessInstance review = runtimeService.startProcessInstanceByKey("expert-review", variables);
    started.add(review.getId());
    Assertions.assertThat(VariableValues.strings(runtimeService.getVariable(review.getId(), "panel"))).hasSize(3);
  }

  @Test
  void expertsEXP_1_aMixedPanelHasTechnicalAndManagementExperts() {
    Map<String, Object> variables = variables("重庆某科技有限公司", List.of());
    variables.put("expertTypes", List.of("technical", "management"));
    variables.put("panelSize", 3);
    variables.put("reviewStage", "咨询论证");
    variables.put("reviewOfficeGroup", "yc-stb");
    ProcessInstance review = runtimeService.startProcessInstanceByKey("expert-review", variables);
    started.add(review.getId());
    Assertions.assertThat(VariableValues.strings(runtimeService.getVariable(review.getId(), "panel")))
        .hasSize(3).containsAnyOf("gaofeng", "zhumin");
  }

  @Test
  void expertsEXP_1_tooFewExpertsGiveTheOfficeATaskAndAnAbortEndsTheReview() {
    ProcessInstance review = start("清华大学", List.of("北京大学", "中国科学院微电子研究所", "北京航空航天大学", "北京理工大学"), null);
    assertThat(review).isWaitingAt("Task_ResolveExpertShortage");
    Task shortage = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    Assertions.assertThat(taskService.getIdentityLinksForTask(shortage.getId()))
        .anySatisfy(l -> Assertions.assertThat(l.getGroupId()).isEqualTo("bj-sti"));
    Assertions.assertThat(runtimeService.getVariable(review.getId(), "eligibleCount")).isEqualTo(4);
    Assertions.assertThat((String) runtimeService.getVariable(review.getId(), "shortageMessage"))
        .contains("需要 5 名").contains("只有 4 名");

    taskService.complete(shortage.getId(), Map.of("shortageDecision", "abort", "shortageNote", "本领域专家不足，改期评审"));
    assertThat(review).hasPassed("EndEvent_ReviewAborted").isEnded();
    Map<String, Object> result = historicVariables(review.getId());
    Assertions.assertThat(result.get("reviewOutcome")).isEqualTo("aborted");
    Assertions.assertThat(result.get("reviewPassed")).isEqualTo(false);
  }

  @Test
  void expertsEXP_1_tooFewExpertsThenAnExpertAddedInAdminAndRedrawn() {
    ProcessInstance review = start("清华大学", List.of("北京大学", "中国科学院微电子研究所", "北京航空航天大学", "北京理工大学"), null);
    assertThat(review).isWaitingAt("Task_ResolveExpertShortage");
    User added = identityService.newUser("test-expert-hit");
    added.setFirstName("新");
    added.setLastName("专家");
    identityService.saveUser(added);
    addedUsers.add(added.getId());
    identityService.createMembership(added.getId(), "experts");
    identityService.setUserInfo(added.getId(), "organisation", "哈尔滨工业大学");
    identityService.setUserInfo(added.getId(), "fields", "集成电路");
    identityService.setUserInfo(added.getId(), "expertType", "technical");

    Task shortage = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    taskService.complete(shortage.getId(), Map.of("shortageDecision", "redraw"));
    assertThat(review).hasPassed("Task_DrawPanel");
    Assertions.assertThat(VariableValues.strings(runtimeService.getVariable(review.getId(), "panel")))
        .hasSize(5).contains("test-expert-hit");
    experts.executeAsyncJobs(review.getId());
    Assertions.assertThat(experts.scoreTasks(review.getId())).hasSize(5);
  }

  @Test
  void expertsReviewDeadline_reminderThenAnExpertReplacedAfterTheDeadline() {
    ProcessInstance review = start("清华大学", MEMBERS, null);
    experts.executeAsyncJobs(review.getId());
    List<Task> tasks = experts.scoreTasks(review.getId());
    for (Task task : tasks.subList(1, tasks.size())) {
      experts.score(task, 80, "同意支持，建议细化里程碑。");
    }
    Task late = tasks.get(0);

    // Reminder 2 working days before the deadline: 3 working days after 2025-11-03 → 2025-11-07 00:00.
    clock("2025-11-07T00:00+08:00");
    managementService.executeJob(timer(review, "BoundaryEvent_ReviewReminder").getId());
    Task reminded = taskService.createTaskQuery().taskId(late.getId()).singleResult();
    Assertions.assertThat(reminded.getPriority()).isEqualTo(RemindExpertDelegate.URGENT_PRIORITY);
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(review.getId(), "reviewReminders")))
        .singleElement().satisfies(r -> Assertions.assertThat(r.get("expert")).isEqualTo(late.getAssignee()));

    clock("2025-11-11T00:00+08:00");
    managementService.executeJob(timer(review, "BoundaryEvent_ReviewDeadline").getId());
    HistoricTaskInstance cancelled = historyService.createHistoricTaskInstanceQuery().taskId(late.getId()).singleResult();
    Assertions.assertThat(cancelled.getEndTime()).isNotNull();
    Assertions.assertThat(cancelled.getDeleteReason()).isNotEqualTo("completed");
    Task replace = taskService.createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey("Task_ReplaceExpert").singleResult();
    Assertions.assertThat(taskService.getIdentityLinksForTask(replace.getId()))
        .anySatisfy(l -> Assertions.assertThat(l.getGroupId()).isEqualTo("bj-sti"));

    identityService.setAuthentication("lijianguo", List.of("bj-sti"));
    try {
      taskService.complete(replace.getId(), Map.of("replacementDecision", "replace", "replacementReason", "专家出差无法按期评审"));
    } finally {
      identityService.clearAuthentication();
    }
    experts.executeAsyncJobs(review.getId());
    Task replacement = experts.scoreTasks(review.getId()).get(0);
    List<String> firstPanel = tasks.stream().map(Task::getAssignee).toList();
    Assertions.assertThat(replacement.getAssignee()).isNotIn(firstPanel);
    Assertions.assertThat(ORGANISATIONS.get(replacement.getAssignee())).isNotIn("清华大学", "北京大学", "中国科学院微电子研究所");
    Assertions.assertThat(replacement.getDueDate()).isEqualTo(at("2025-11-19T00:00+08:00"));
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(review.getId(), "panelChanges")))
        .singleElement().satisfies(c -> {
          Assertions.assertThat(c).containsEntry("expert", late.getAssignee()).containsEntry("decision", "replace")
              .containsEntry("replacement", replacement.getAssignee()).containsEntry("decidedBy", "lijianguo")
              .containsEntry("cancelledTaskId", late.getId());
        });

    experts.score(replacement, 90, "补充评审：同意支持。");
    experts.executeAsyncJobs(review.getId());
    Map<String, Object> result = historicVariables(review.getId());
    Assertions.assertThat(VariableValues.rows(result.get("reviewScores"))).extracting(s -> s.get("expert"))
        .contains(replacement.getAssignee()).doesNotContain(late.getAssignee());
    Assertions.assertThat(result.get("reviewMeanScore")).isEqualTo(82.0);
  }

  @Test
  void expertsReviewDeadline_theOfficeMayExtendTheDeadlineOrIsToldNoReplacementIsLeft() {
    // Six experts are eligible: after the panel of five, one replacement is possible, no second one.
    ProcessInstance review = start("清华大学", List.of("北京大学", "中国科学院微电子研究所"), null);
    experts.executeAsyncJobs(review.getId());
    clock("2025-11-11T00:00+08:00");
    managementService.executeJob(timer(review, "BoundaryEvent_ReviewDeadline").getId());
    Task decide = taskService.createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey("Task_ReplaceExpert").list().get(0);
    String late = (String) taskService.getVariable(decide.getId(), "expert");
    taskService.complete(decide.getId(), Map.of("replacementDecision", "extend", "replacementReason", "专家请假，延期一周"));
    experts.executeAsyncJobs(review.getId());
    Assertions.assertThat(experts.scoreTasks(review.getId())).extracting(Task::getAssignee).contains(late);
    Assertions.assertThat(VariableValues.rows(runtimeService.getVariable(review.getId(), "panelChanges")))
        .anySatisfy(c -> Assertions.assertThat(c).containsEntry("decision", "extend").containsEntry("expert", late));

    // Everybody is late now; two replacements are wanted, the pool has one more eligible expert.
    clock("2025-11-25T00:00+08:00");
    List<Job> deadlines = managementService.createJobQuery().activityId("BoundaryEvent_ReviewDeadline").timers()
        .processInstanceId(review.getId()).list();
    deadlines.forEach(j -> managementService.executeJob(j.getId()));
    List<Task> decisions = taskService.createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey("Task_ReplaceExpert").list();
    Assertions.assertThat(decisions).hasSize(5);
    taskService.complete(decisions.get(0).getId(), Map.of("replacementDecision", "replace", "replacementReason", "专家逾期未评"));
    Assertions.assertThatThrownBy(() -> taskService.complete(decisions.get(1).getId(),
            Map.of("replacementDecision", "replace", "replacementReason", "专家逾期未评")))
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("没有可替换的合格专家");
    Assertions.assertThat(taskService.createTaskQuery().taskId(decisions.get(1).getId()).count()).isOne();
  }

  private ProcessInstance start(String applicant, List<String> members, Integer panelSize) {
    Map<String, Object> variables = variables(applicant, members);
    if (panelSize != null) {
      variables.put("panelSize", panelSize);
    }
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("expert-review", variables);
    started.add(instance.getId());
    return instance;
  }

  static Map<String, Object> variables(String applicant, List<String> members) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("reviewStage", "材料审查");
    variables.put("reviewCriteriaStage", "bj-material");
    variables.put("subjectName", "北京芯联创新联合体");
    variables.put("applicantOrganisation", applicant);
    variables.put("memberOrganisations", members);
    variables.put("field", "集成电路");
    variables.put("reviewOfficeGroup", "bj-sti");
    return variables;
  }

  /** Form values as the engine REST API takes them: {"name": {"value": …}}. */
  static Map<String, Object> restVariables(Map<String, Object> values) {
    Map<String, Object> rest = new HashMap<>();
    values.forEach((name, value) -> rest.put(name, Map.of("value", value)));
    return rest;
  }

  private Job timer(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
        .list().get(0);
  }

  private Map<String, Object> historicVariables(String instanceId) {
    Map<String, Object> values = new HashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list().stream()
        .filter(v -> v.getActivityInstanceId() != null && v.getActivityInstanceId().equals(instanceId))
        .forEach(v -> values.put(v.getName(), v.getValue()));
    return values;
  }

  private static void clock(String time) {
    ClockUtil.setCurrentTime(at(time));
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
