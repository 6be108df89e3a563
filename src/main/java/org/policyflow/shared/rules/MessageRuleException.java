package org.policyflow.shared.rules;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A message (portal report, objection) that a policy rule refuses while it is being correlated. The
 * engine REST API answers {@code POST /message} with 400 for a {@link BadUserRequestException} but with
 * 500 for the form-validation failure {@link PolicyRuleException} is, so listeners on message start
 * events throw this one; the text is the same "[rule] field: 中文 / English".
 */
public class MessageRuleException extends BadUserRequestException {

  private final RuleViolation violation;

  public MessageRuleException(String ruleId, String field, String reasonZh, String reasonEn) {
    this(new RuleViolation(ruleId, field, reasonZh, reasonEn));
  }

  public MessageRuleException(RuleViolation violation) {
    super(violation.describe());
    this.violation = violation;
  }

  public RuleViolation violation() {
    return violation;
  }
}
