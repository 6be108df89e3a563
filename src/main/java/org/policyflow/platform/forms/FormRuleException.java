package org.policyflow.platform.forms;

import java.util.List;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;

/**
 * A start or task form submission that breaks its own form's rules. A {@link PolicyRuleException}, so
 * every client gets the one refusal shape (400 naming field, rule and reason in Chinese and English);
 * it also names the process and form for the one-line log entry.
 */
public class FormRuleException extends PolicyRuleException {

  private final String processDefinitionKey;
  private final String activityId;
  private final String formId;

  FormRuleException(List<RuleViolation> violations, String processDefinitionKey, String activityId, String formId) {
    super(violations);
    this.processDefinitionKey = processDefinitionKey;
    this.activityId = activityId;
    this.formId = formId;
  }

  @Override
  public String where() {
    return "process=" + processDefinitionKey + " activity=" + activityId + " form=" + formId;
  }
}
