package org.policyflow.partner.cooperation;

import static org.policyflow.partner.cooperation.CooperationVariables.blank;
import static org.policyflow.partner.cooperation.CooperationVariables.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * End of every user task of the partner cooperation: the fields the policy requires are checked
 * whatever client submits the task (Tasklist, portal through REST), and the moment and person are
 * recorded where the policy attaches meaning to them (signature, report, evaluation). An execution
 * listener, so a refusal is a 400 on the REST form endpoints and the task stays open.
 */
@Component("partnerFormCheck")
public class PartnerFormCheck implements ExecutionListener {

  static final Set<String> EVALUATION_RESULTS = Set.of("excellent", "good", "pass", "fail");
  static final Set<String> VIOLATION_FINDINGS = Set.of("verified", "notVerified");
  static final Set<String> FUND_DECISIONS = Set.of("recoverAll", "recoverPart", "noRecovery");

  private final IdentityService identityService;

  public PartnerFormCheck(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      // Cancelled by a termination (TZP-C4) or an administrator: nothing was submitted.
      return;
    }
    List<RuleViolation> violations = new ArrayList<>();
    String activity = execution.getCurrentActivityId();
    switch (activity) {
      case "Task_RecordAgreementContent" -> {
        required(execution, violations, "TZP-C1", "cooperationDirection", "合作方向", "cooperation direction");
        required(execution, violations, "TZP-C1", "cooperationContent", "具体合作内容", "concrete cooperation content");
      }
      case "Task_SignBySti", "Task_SignByLocality", "Task_SignByPartner" -> {
        if (!Boolean.TRUE.equals(execution.getVariable("signatureConfirmed"))) {
          violations.add(new RuleViolation("TZP-C1", "signatureConfirmed", "请确认已签署三方协议。",
              "Confirm that the tri-party agreement has been signed."));
        } else {
          String party = activity.substring("Task_SignBy".length()).toLowerCase();
          execution.setVariable(party + "SignedAt", ClockUtil.getCurrentTime());
          execution.setVariable(party + "SignedBy", currentUser());
        }
      }
      case "Task_SubmitAnnualReport" -> {
        required(execution, violations, "TZP-C2", "progressSummary", "阶段发展情况", "progress summary");
        required(execution, violations, "TZP-C2", "technologyNeeds", "释放的技术需求和应用场景", "technology needs released");
        required(execution, violations, "TZP-C2", "projects", "技术攻关和成果转化项目", "R&D and commercialisation projects");
        required(execution, violations, "TZP-C2", "problems", "存在的问题和诉求", "problems and requests");
        Object investment = execution.getVariable("rdInvestment");
        if (!(investment instanceof Number number) || number.doubleValue() < 0) {
          violations.add(new RuleViolation("TZP-C2", "rdInvestment", "请填写本年度研发投入（万元，不小于0）。",
              "Give this year's R&D investment (10,000 CNY, 0 or more)."));
        }
        if (violations.isEmpty()) {
          execution.setVariable("reportSubmittedAt", ClockUtil.getCurrentTime());
          execution.setVariable("reportSubmittedBy", currentUser());
        }
      }
      case "Task_LocalityOpinion" ->
          required(execution, violations, "TZP-C3", "localityOpinion", "属地部门意见", "the locality's opinion");
      case "Task_AnnualEvaluation" -> {
        oneOf(execution, violations, "TZP-C3", "evaluationResult", EVALUATION_RESULTS, "评估结果（优秀/良好/合格/不合格）",
            "evaluation result (excellent/good/pass/fail)");
        required(execution, violations, "TZP-C3", "evaluationOpinion", "评估意见", "written evaluation opinion");
        if (violations.isEmpty()) {
          execution.setVariable("evaluatedAt", ClockUtil.getCurrentTime());
          execution.setVariable("evaluatedBy", currentUser());
        }
      }
      case "Task_ChaseOverdueReport" ->
          required(execution, violations, "TZP-C2", "chaseAction", "催报情况", "what was done to obtain the report");
      case "Task_VerifyViolation" -> {
        oneOf(execution, violations, "TZP-C4", "violationVerified", VIOLATION_FINDINGS, "核实结论（属实/不属实）",
            "finding (verified/not verified)");
        required(execution, violations, "TZP-C4", "violationFinding", "核实意见", "written finding");
        // TZP-V2: only a major accident goes to the registry (TZP-E6 asks for 重大环保、安全事故), so the
        // verifier says which it is; the registry entry itself follows from the answer, not from a second choice.
        if ("verified".equals(text(execution, "violationVerified"))
            && "safetyEnvironmentalAccident".equals(text(execution, "violationType"))) {
          oneOf(execution, violations, ViolationCreditEntry.RULE, "accidentMajor", ViolationCreditEntry.SEVERITIES,
              "事故是否属于重大环保、安全事故（是/否）", "whether the accident is a major environmental or safety accident");
        }
      }
      case "Task_HandleFunds" -> {
        oneOf(execution, violations, "TZP-C4", "fundDecision", FUND_DECISIONS, "资金处理决定", "decision on the funds");
        required(execution, violations, "TZP-C4", "fundHandlingOpinion", "处理依据和意见", "basis and opinion");
        Object amount = execution.getVariable("amountToRecover");
        boolean recovering = !"noRecovery".equals(text(execution, "fundDecision"));
        if (recovering && (!(amount instanceof Number number) || number.doubleValue() <= 0)) {
          violations.add(new RuleViolation("TZP-C4", "amountToRecover", "追回资金的，请填写应追回金额（万元，大于0）。",
              "When funds are recovered, give the amount to recover (10,000 CNY, more than 0)."));
        }
      }
      case "Task_FinalEvaluation" -> {
        oneOf(execution, violations, "TZP-C3", "finalEvaluationResult", EVALUATION_RESULTS,
            "期满综合评估结果（优秀/良好/合格/不合格）", "final evaluation result (excellent/good/pass/fail)");
        required(execution, violations, "TZP-C3", "finalEvaluationOpinion", "综合评估意见", "written final opinion");
      }
      default -> throw new IllegalStateException("partnerFormCheck is not configured for " + activity);
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
  }

  private String currentUser() {
    Authentication user = identityService.getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }

  private static void required(DelegateExecution execution, List<RuleViolation> violations, String rule, String field,
      String zh, String en) {
    if (blank(execution, field)) {
      violations.add(new RuleViolation(rule, field, "请填写" + zh + "。", "The " + en + " is required."));
    }
  }

  private static void oneOf(DelegateExecution execution, List<RuleViolation> violations, String rule, String field,
      Set<String> allowed, String zh, String en) {
    String value = text(execution, field);
    if (value == null || !allowed.contains(value)) {
      violations.add(new RuleViolation(rule, field, "请选择" + zh + "。", "Choose the " + en + "."));
    }
  }
}
