package org.policyflow.partner;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.policyflow.shared.credit.CreditCode;

/** Builds calls and applications of the partner programme as the people who start them would. */
public final class PartnerFixtures {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final String MATERIALS_TASK = "Task_SubmitMaterials";

  private final ProcessEngine engine;

  public PartnerFixtures(ProcessEngine engine) {
    this.engine = engine;
  }

  public static Date at(int year, int month, int day, int hour) {
    return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(ZONE).toInstant());
  }

  /** A valid unified social credit code, different for each n. */
  public static String creditCode(int n) {
    String first17 = String.format("91110112MA%07d", n);
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** The tz-sti officers who score each recommended application, in turn (TZP-R2: different people). */
  public static final List<String> REVIEWERS = List.of("wanglixin", "chenxiaoyan");
  public static final String REVIEW_TASK = "Task_ReviewApplication";

  /** A locality's recommendation with its judgement of 000 §四3 (TZP-E8). */
  public static Map<String, Object> recommendation() {
    return recommendation(null);
  }

  /** The same, with the optional opinion on the recommendation. */
  public static Map<String, Object> recommendation(String opinion) {
    Map<String, Object> v = new HashMap<>(Map.of("recommendation", "recommend", "localIndustryJudgement", "outstanding",
        "localIndustryOpinion", "属地特色产业骨干企业，带动上下游企业落地"));
    if (opinion != null) {
      v.put("recommendationOpinion", opinion);
    }
    return v;
  }

  /** Where the demo office publishes its proposed lists (TZP-N2, one of partner.yaml's notice-channels). */
  public static final String NOTICE_CHANNEL = "通州区人民政府网站";
  public static final String NOTICE_ADDRESS = "https://www.bjtzh.gov.cn/gsgg/";

  /** The officer's selection (审核评选拟入选名单) with where the list is to be published (TZP-N2). */
  public static Map<String, Object> selection(List<String> applications, String opinion) {
    return selection(applications, opinion, Map.of());
  }

  public static Map<String, Object> selection(List<String> applications, String opinion, Map<String, Object> more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("selectedApplications", applications);
    v.put("reviewOpinion", opinion);
    v.put("noticeChannel", NOTICE_CHANNEL);
    v.put("noticeAddress", NOTICE_ADDRESS);
    v.putAll(more);
    return v;
  }

  /** One reviewer's scoring form: the two partner-review criteria and the opinion. */
  public static Map<String, Object> reviewScores(double industryLeading, double localIndustry) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("criterion1Score", industryLeading);
    v.put("criterion2Score", localIndustry);
    if (industryLeading < 60) {
      v.put("criterion1Reason", "技术水平未达到同行业领先");
    }
    if (localIndustry < 60) {
      v.put("criterion2Reason", "与属地特色产业关联不大");
    }
    v.put("reviewComment", "按评价指标评分");
    return v;
  }

  /**
   * Every open review task of the call scored by the officers in turn with the same scores, then the
   * asynchronous summary run: the call waits at the selection task afterwards.
   */
  public void reviewEveryApplication(ProcessInstance call, double industryLeading, double localIndustry) {
    Map<String, Integer> seatsDone = new HashMap<>();
    for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(call.getId())
        .taskDefinitionKey(REVIEW_TASK).list()) {
      String application = (String) engine.getTaskService().getVariable(task.getId(), "reviewApplicationId");
      int seat = seatsDone.merge(application, 1, Integer::sum) - 1;
      completeAs(REVIEWERS.get(seat % REVIEWERS.size()), List.of("tz-sti"), task.getId(),
          reviewScores(industryLeading, localIndustry));
    }
    runReviewSummary(call);
  }

  /** Runs the asynchronous Task_EvaluatePartnerReview of the call (job executor off in tests). */
  public void runReviewSummary(ProcessInstance call) {
    engine.getManagementService().createJobQuery().processInstanceId(call.getId())
        .activityId("Task_EvaluatePartnerReview").list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));
  }

  /** A call published by a tz-sti officer. */
  public ProcessInstance openCall(String callId, String deadline, int places, int defaultQuota,
      Map<String, Object> extra) {
    Map<String, Object> variables = new HashMap<>(Map.of(
        "callYear", Integer.parseInt(deadline.substring(0, 4)), "callTitle", "创新伙伴征集 " + callId,
        "applicationDeadline", deadline, "places", places, "defaultLocalityQuota", defaultQuota));
    variables.putAll(extra);
    return as("wanglixin", List.of("tz-sti"), () -> engine.getRuntimeService()
        .startProcessInstanceByKey("partner-call", callId, variables));
  }

  /** The facts of an applicant that meets every rule, in a priority field. */
  public static Map<String, Object> eligibleApplication(String callId, int n, String localityGroup) {
    Map<String, Object> v = new HashMap<>();
    v.put("callId", callId);
    v.put("organisationName", "北京通州示例科技有限公司" + n);
    v.put("creditCode", creditCode(n));
    v.put("localityGroup", localityGroup);
    v.put("independentLegalPerson", true);
    v.put("tongzhouPresence", "registered");
    v.put("rdStaff", 12);
    v.put("rdSpending", 350.5);
    v.put("ownedIpCount", 4);
    v.put("industryField", "数字经济");
    v.put("contactName", "黄磊");
    v.put("contactPhone", "010-81234567");
    v.put("summary", "专注城市副中心数字孪生平台研发，拥有发明专利四项。");
    return v;
  }

  /**
   * An application as an applicant makes it: started, then its materials submitted at
   * {@code Task_SubmitMaterials}. Completing through the Java API is trusted code, so the stage's
   * required documents (enforced on the HTTP routes) need not be uploaded here.
   */
  public ProcessInstance apply(String applicant, Map<String, Object> variables) {
    ProcessInstance application = startApplication(applicant, variables);
    submitMaterials(applicant, application.getId());
    return application;
  }

  /** An application accepted and waiting for its materials (Task_SubmitMaterials). */
  public ProcessInstance startApplication(String applicant, Map<String, Object> variables) {
    return as(applicant, List.of("applicants"), () -> engine.getRuntimeService()
        .startProcessInstanceByKey("partner-application", variables));
  }

  /** The applicant confirms and submits the materials, when the application waits for them. */
  public void submitMaterials(String applicant, String applicationId) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(applicationId)
        .taskDefinitionKey(MATERIALS_TASK).singleResult();
    if (task != null) {
      completeAs(applicant, List.of("applicants"), task.getId(), Map.of("materialsConfirmed", true));
    }
  }

  /** Runs as an authenticated user, as Tasklist or the REST API would; authentication is cleared afterwards. */
  public <T> T as(String userId, List<String> groups, Supplier<T> work) {
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      return work.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  public void completeAs(String userId, List<String> groups, String taskId, Map<String, Object> variables) {
    as(userId, groups, () -> {
      engine.getTaskService().complete(taskId, variables);
      return null;
    });
  }
}
