package org.policyflow.shared.exceptions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * The "原则上" exception (issue 20): a condition the seed states as a rule, not as an absolute, may be set
 * aside for one case when the office that may ask requests it with a written reason and someone else of
 * the granting office decides it (EXC-1 four-eyes). Hard conditions are never exceptionable (EXC-2); the
 * request and the decision each need a written reason (EXC-3). Plain checks, used by rule-exception.bpmn.
 */
@Component
public class RuleExceptions {

  /** The decider is not the requester and belongs to the granting office. */
  public static final String FOUR_EYES_RULE = "EXC-1";
  /** Only conditions configured as 原则上/一般 may be excepted. */
  public static final String HARD_RULE = "EXC-2";
  /** A request and a decision each carry a written reason. */
  public static final String REASON_RULE = "EXC-3";
  public static final String GRANT = "grant";
  public static final String REFUSE = "refuse";

  private final RuleExceptionTerms terms;

  public RuleExceptions(RuleExceptionTerms terms) {
    this.terms = terms;
  }

  public RuleExceptionTerms terms() {
    return terms;
  }

  /** True when every failed rule may be excepted, so an exception request makes sense at all. */
  public boolean allExceptionable(Collection<String> failedRules) {
    return !failedRules.isEmpty() && failedRules.stream().allMatch(terms::exceptionable);
  }

  /** "TZP-E2 在通州区注册或设有分支机构；TZP-E4 拥有自主知识产权" — what the granter reads. */
  public String describe(Collection<String> rules) {
    return rules.stream().map(id -> id + " " + terms.rule(id).map(RuleExceptionTerms.Rule::label).orElse(""))
        .map(String::trim).collect(Collectors.joining("；"));
  }

  public String grantingGroup(String processKey) {
    return terms.grantingGroups().get(processKey);
  }

  /** @param reasonField the caller's form field that holds the reason, named in the refusal */
  public List<RuleViolation> checkRequest(List<String> rules, String reason, String reasonField, String requester) {
    List<RuleViolation> violations = new ArrayList<>();
    if (rules.isEmpty()) {
      violations.add(new RuleViolation(HARD_RULE, "exceptionRules", "例外申请须列明未满足的条件",
          "An exception request must name the conditions not met"));
    }
    for (String rule : rules) {
      if (!terms.exceptionable(rule)) {
        violations.add(new RuleViolation(HARD_RULE, "exceptionRules", "条件" + rule + "（"
            + terms.rule(rule).map(RuleExceptionTerms.Rule::label).orElse("未列为原则上条件")
            + "）是必须满足的条件，不能申请例外",
            "Condition " + rule + " is a hard condition and cannot be excepted"));
      }
    }
    if (text(reason).length() < terms.reasonMinLength()) {
      violations.add(new RuleViolation(REASON_RULE, reasonField, "请填写申请例外的书面理由，不少于"
          + terms.reasonMinLength() + "字", "Give a written reason for the exception of at least "
          + terms.reasonMinLength() + " characters"));
    }
    if (requester == null) {
      violations.add(new RuleViolation(FOUR_EYES_RULE, reasonField, "例外申请须由登录的工作人员提出",
          "An exception must be requested by a signed-in officer"));
    }
    return violations;
  }

  public List<RuleViolation> checkDecision(String requester, String decider, Collection<String> deciderGroups,
      String grantingGroup, String decision, String reason) {
    List<RuleViolation> violations = new ArrayList<>();
    if (decider == null || decider.equals(requester)) {
      violations.add(new RuleViolation(FOUR_EYES_RULE, "exceptionDecision",
          "例外申请人不能审批本人提出的例外申请（四眼原则），请由本单位其他工作人员审批",
          "The requester cannot decide their own exception request (four-eyes principle): another officer must decide"));
    } else if (deciderGroups != null && !deciderGroups.contains(grantingGroup)) {
      violations.add(new RuleViolation(FOUR_EYES_RULE, "exceptionDecision", "例外只能由审批部门（" + grantingGroup
          + "）的工作人员审批", "Only an officer of the granting office (" + grantingGroup + ") may decide"));
    }
    if (!GRANT.equals(decision) && !REFUSE.equals(decision)) {
      violations.add(new RuleViolation(REASON_RULE, "exceptionDecision", "请选择准予例外或不予例外",
          "Choose to grant or to refuse the exception"));
    }
    if (text(reason).length() < terms.reasonMinLength()) {
      violations.add(new RuleViolation(REASON_RULE, "exceptionDecisionReason", "请填写审批意见的书面理由，不少于"
          + terms.reasonMinLength() + "字", "Give a written reason for the decision of at least "
          + terms.reasonMinLength() + " characters"));
    }
    return violations;
  }

  /** The entry kept in the case's {@code ruleExceptions}: what was asked, by whom, why, and what was decided. */
  public Map<String, Object> record(List<String> rules, String requester, String requestedAt, String requestReason,
      String decider, String decision, String decisionReason, String exceptionInstanceId) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("rules", List.copyOf(rules));
    entry.put("conditions", describe(rules));
    entry.put("requestedBy", requester);
    entry.put("requestedAt", requestedAt);
    entry.put("requestReason", requestReason);
    entry.put("decision", decision);
    entry.put("result", GRANT.equals(decision) ? "准予例外" : "不予例外");
    entry.put("decidedBy", decider);
    entry.put("decidedAt", now());
    entry.put("decisionReason", decisionReason);
    entry.put("exceptionInstanceId", exceptionInstanceId);
    return entry;
  }

  static String now() {
    return ClockUtil.getCurrentTime().toInstant().toString();
  }

  static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
