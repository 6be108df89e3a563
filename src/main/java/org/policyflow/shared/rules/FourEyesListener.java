package org.policyflow.shared.rules;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The four-eyes principle as an end listener of the task that must be done by a second person: whoever
 * completes it must not be the user named in {@code firstPersonVariable}. Being an execution listener, it
 * runs inside the engine's completion on every route (Tasklist, REST submit-form/complete, Java API), and the
 * refusal is a {@link PolicyRuleException}, so the caller gets 400 naming field and rule and the task stays
 * open. In-process calls without an authenticated user act for the system and are not checked, as the
 * server-side form check does not check them either. The variable naming the first person should be shown as a
 * read-only field on the task's form: the form check then drops any value a submission sends for it, so nobody
 * can rename the first person in the same submission.
 */
public abstract class FourEyesListener implements ExecutionListener {

  private final IdentityService identityService;
  private final String firstPersonVariable;
  private final RuleViolation refusal;

  protected FourEyesListener(IdentityService identityService, String firstPersonVariable, RuleViolation refusal) {
    this.identityService = identityService;
    this.firstPersonVariable = firstPersonVariable;
    this.refusal = refusal;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication current = identityService.getCurrentAuthentication();
    Object firstPerson = execution.getVariable(firstPersonVariable);
    if (current != null && firstPerson != null && firstPerson.equals(current.getUserId())) {
      throw new PolicyRuleException(refusal);
    }
  }
}
