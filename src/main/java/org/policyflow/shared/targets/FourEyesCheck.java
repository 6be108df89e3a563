package org.policyflow.shared.targets;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * A value recorded by one officer is confirmed by another: the person completing the verification
 * must not be the one who reported it (variable {@code reporter}, set by the start event's initiator).
 * An execution listener at the end of the verification task, so the refusal reaches Tasklist as a
 * form validation error (400) and the task stays open.
 */
@Component("fourEyesCheck")
public class FourEyesCheck implements ExecutionListener {

  public static final String RULE = "FOUR-EYES";
  private final IdentityService identityService;

  public FourEyesCheck(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication current = identityService.getCurrentAuthentication();
    Object reporter = execution.getVariable("reporter");
    if (current != null && reporter != null && reporter.equals(current.getUserId())) {
      throw new PolicyRuleException(RULE, "verification",
          "填报人不能核对本人填报的数值（四眼原则），请由其他工作人员核对",
          "The reporter cannot verify their own value (four-eyes principle): another officer must verify it");
    }
  }
}
