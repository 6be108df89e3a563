package org.policyflow.shared.rules;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request or form submission that a policy rule refuses. It is a {@link BadUserRequestException}, so
 * the engine REST API answers 400 with this message and Tasklist shows it on the form; the transaction
 * rolls back, so the task, its entries and the instance's history stay as they were.
 *
 * <p>Throw it from a delegate or an execution listener: exceptions from task listeners are wrapped by
 * the engine and reach the client as a 500.
 */
public class PolicyRuleException extends BadUserRequestException {

  private final List<RuleViolation> violations;

  public PolicyRuleException(List<RuleViolation> violations) {
    super(violations.stream().map(RuleViolation::describe).collect(Collectors.joining("；")));
    this.violations = List.copyOf(violations);
  }

  public PolicyRuleException(RuleViolation violation) {
    this(List.of(violation));
  }

  public PolicyRuleException(String ruleId, String field, String reasonZh, String reasonEn) {
    this(new RuleViolation(ruleId, field, reasonZh, reasonEn));
  }

  public List<RuleViolation> violations() {
    return violations;
  }
}
