package org.policyflow.shared.rules;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A condition for completing a task from outside (Tasklist, the engine REST API, {@code /api}), checked by
 * the form check's command interceptor together with the task's form: every violation of both reaches the
 * user in one refusal, and nothing is completed. A bean implementing it is picked up by the interceptor.
 */
public interface TaskCompletionCheck {

  /** Runs inside the completing command, before the engine completes anything; empty when the task may complete. */
  List<RuleViolation> violations(DelegateTask task);
}
