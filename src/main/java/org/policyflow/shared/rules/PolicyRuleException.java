package org.policyflow.shared.rules;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form submission or request that a policy rule refuses. The engine REST API answers the form calls
 * ({@code /task/{id}/submit-form}, {@code /task/{id}/complete}, {@code /process-definition/…/submit-form})
 * with 400 and this message for a form-field validation failure, and Tasklist shows it on the form. The
 * transaction rolls back, so the task, the user's entries and the instance's history stay as they were.
 *
 * <p>The refusal itself is kept: {@link RuleRefusalRecorder} appends it to the instance's
 * {@code ruleRefusals} variable after the rollback, so auditors see which rule blocked whom and when.
 *
 * <p>Throw it from a delegate or an execution listener: exceptions from task listeners are wrapped by
 * the engine and reach the client as a 500.
 */
public class PolicyRuleException extends FormFieldValidationException {

  private final List<RuleViolation> violations;
  /** The instance whose step was refused, recorded there by {@link RuleRefusalRecorder}; null before it exists. */
  private String processInstanceId;
  private String activityId;

  public PolicyRuleException(List<RuleViolation> violations) {
    super(violations.get(0).field(),
        violations.stream().map(RuleViolation::describe).collect(Collectors.joining("；")));
    this.violations = List.copyOf(violations);
    BpmnExecutionContext executing = Context.getBpmnExecutionContext();
    if (executing != null && executing.getExecution() != null) {
      this.processInstanceId = executing.getExecution().getProcessInstanceId();
      this.activityId = executing.getExecution().getCurrentActivityId();
    }
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

  /** For a refusal raised outside the instance's own execution (e.g. when the transaction commits). */
  public PolicyRuleException in(String processInstanceId, String activityId) {
    this.processInstanceId = processInstanceId;
    this.activityId = activityId;
    return this;
  }

  public String processInstanceId() {
    return processInstanceId;
  }

  public String activityId() {
    return activityId;
  }

  /** Where the refusal happened, for the one-line log entry of {@link RuleRefusalRecorder}. */
  public String where() {
    return "instance=" + processInstanceId + " activity=" + activityId;
  }
}
