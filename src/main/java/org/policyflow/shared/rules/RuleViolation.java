package org.policyflow.shared.rules;

/**
 * One policy rule that blocked something: the rule ID of ../shared/policy-rules.md, the form field or
 * request parameter concerned, and the reason in Chinese and English, as the user and the auditor see it.
 */
public record RuleViolation(String ruleId, String field, String reasonZh, String reasonEn) {

  /** "[TZP-E2] applicantLocation: 未在通州区注册… / Not registered in Tongzhou…" */
  public String describe() {
    return "[" + ruleId + "] " + (field == null ? "" : field + ": ") + reasonZh + " / " + reasonEn;
  }
}
