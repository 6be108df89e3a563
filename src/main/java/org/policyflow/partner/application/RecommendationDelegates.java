package org.policyflow.partner.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.quota.QuotaService;
import org.policyflow.shared.quota.QuotaStatus;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The locality's recommendation (000 §五2): the clerk sees the locality's quota, recommends within it
 * (TZP-Q1, taken atomically on the call) or declines with a reason (TZP-D1); a task left open past the
 * recommendation deadline counts as not recommended. A recommendation carries the locality's judgement of
 * 000 §四3 — the applicant's contribution to the locality's characteristic industries — with the grounds
 * for it (TZP-E8): only the locality can judge that, and tz-sti scores the criterion with it in view.
 * "原则上" (§四): a weak contribution does not bar the recommendation; the grounds say why.
 */
@Configuration
public class RecommendationDelegates {

  public static final String RECOMMEND = "recommend";
  public static final String DECLINE = "decline";
  /** TZP-E8: the locality's judgement of 000 §四3, as the recommendation form offers it. */
  public static final Map<String, String> LOCAL_INDUSTRY_JUDGEMENTS = Map.of(
      "outstanding", "有突出贡献，带动作用显著",
      "some", "有一定贡献和带动作用",
      "weak", "贡献和带动作用不明显");

  /** Before the clerk's task: the locality's quota as it stands when the task is created. */
  @Bean("showLocalityQuota")
  ExecutionListener showLocalityQuota(QuotaService quotas) {
    return execution -> {
      QuotaStatus status = quotas.status(callOf(execution), FormValues.text(execution, "localityGroup"));
      execution.setVariable("localityQuota", status.limit());
      execution.setVariable("localityRecommended", status.used());
      execution.setVariable("localityRemaining", status.remaining());
    };
  }

  @Bean("recordRecommendation")
  JavaDelegate recordRecommendation(QuotaService quotas, IdentityService identityService) {
    return execution -> {
      String decision = FormValues.text(execution, "recommendation");
      if (RECOMMEND.equals(decision)) {
        checkLocalIndustryJudgement(execution);
        String locality = FormValues.text(execution, "localityGroup");
        quotas.take(callOf(execution), locality,
            full -> new PolicyRuleException("TZP-Q1", "recommendation",
                "本属地本轮推荐名额已用完（已推荐 " + full.used() + " / 名额 " + full.limit() + "），不能再推荐",
                "The locality's recommendation quota for this call is used up (" + full.used() + " of "
                    + full.limit() + "): no further recommendation"),
            () -> new PolicyRuleException("TZP-Q1", "recommendation",
                "同一时刻本属地另一项推荐已占用名额，本次推荐未保存；请重新提交，系统将按最新名额处理",
                "Another recommendation of this locality took a place at the same moment; this one was not saved. "
                    + "Submit again to be checked against the current quota")
                .in(execution.getProcessInstanceId(), "Task_RecommendApplication"));
        execution.setVariable("recommended", true);
        if (identityService.getCurrentAuthentication() != null) {
          execution.setVariable("recommendedBy", identityService.getCurrentAuthentication().getUserId());
        }
      } else if (DECLINE.equals(decision)) {
        if (FormValues.isBlank(execution, "declineReason")) {
          throw new PolicyRuleException("TZP-D1", "declineReason", "不予推荐时必须填写理由",
              "A reason is required when an application is not recommended");
        }
        execution.setVariable("recommended", false);
        execution.setVariable("outcome", PartnerOutcome.NOT_RECOMMENDED.value());
        execution.setVariable("outcomeReason", "属地不予推荐：" + FormValues.text(execution, "declineReason"));
        execution.setVariable("outcomeReasonEn", "The locality did not recommend the application: "
            + FormValues.text(execution, "declineReason"));
      } else {
        throw new PolicyRuleException("TZP-Q1", "recommendation", "请选择“推荐”或“不予推荐”",
            "Choose to recommend or not to recommend");
      }
    };
  }

  /** TZP-E8, before the quota is taken: a refused recommendation uses no place. */
  private static void checkLocalIndustryJudgement(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    if (!LOCAL_INDUSTRY_JUDGEMENTS.containsKey(FormValues.text(execution, "localIndustryJudgement"))) {
      violations.add(new RuleViolation("TZP-E8", "localIndustryJudgement",
          "推荐时须判断申报单位在本属地（园区）特色产业领域的贡献和带动作用（入选条件第3项）",
          "When recommending, judge the applicant's contribution to the locality's characteristic industries"));
    }
    String opinion = FormValues.text(execution, "localIndustryOpinion");
    if (opinion == null || opinion.strip().length() < 4) {
      violations.add(new RuleViolation("TZP-E8", "localIndustryOpinion",
          "请写明对属地特色产业贡献判断的依据（至少 4 个字）",
          "Write the grounds of the judgement on the contribution to the locality's industries (4 characters or more)"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
  }

  /** The judgement and its grounds in one line, for the review and the selection table. */
  public static String localIndustryJudgementText(Object judgement, Object opinion) {
    String label = judgement == null ? null : LOCAL_INDUSTRY_JUDGEMENTS.get(judgement.toString());
    if (label == null) {
      return "—";
    }
    return opinion == null || opinion.toString().isBlank() ? label : label + "：" + opinion.toString().strip();
  }

  /** The recommendation deadline passed with the task still open. */
  @Bean("recordRecommendationLapsed")
  JavaDelegate recordRecommendationLapsed() {
    return execution -> {
      execution.setVariable("recommended", false);
      execution.setVariable("outcome", PartnerOutcome.NOT_RECOMMENDED.value());
      // The applicant's outcome form shows outcomeReason in the Chinese interface: one language each.
      execution.setVariable("outcomeReason", "属地推荐期限届满，未予推荐");
      execution.setVariable("outcomeReasonEn", "The locality did not recommend before the deadline");
    };
  }

  /** The call's application deadline passed before the applicant submitted the materials (TZP-S1). */
  @Bean("recordMaterialsMissing")
  JavaDelegate recordMaterialsMissing() {
    return execution -> {
      execution.setVariable("outcome", PartnerOutcome.MATERIALS_MISSING.value());
      execution.setVariable("outcomeReason", "[TZP-S1] 申报截止时仍未提交申报材料，本次申报不再受理"
          + " / The application materials were not submitted before the call's application deadline");
    };
  }

  /** Before the applicant's acknowledgement: the outcome in words. */
  @Bean("describeOutcome")
  ExecutionListener describeOutcome() {
    return execution -> execution.setVariable("outcomeLabel",
        PartnerOutcome.of(FormValues.text(execution, "outcome")).label());
  }

  private static String callOf(DelegateExecution execution) {
    return FormValues.text(execution, "callInstanceId");
  }
}
