package org.policyflow.shared.targets;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * A value recorded by one officer is confirmed by another: the person completing the verification
 * must not be the one who reported it (variable {@code reporter}, set by the start event's initiator).
 */
@Component("fourEyesCheck")
public class FourEyesCheck implements TaskListener {

  private final IdentityService identityService;

  public FourEyesCheck(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    Authentication current = identityService.getCurrentAuthentication();
    Object reporter = task.getVariable("reporter");
    if (current != null && reporter != null && reporter.equals(current.getUserId())) {
      throw new BadUserRequestException(
          "填报人不能核对本人填报的数值（四眼原则），请由其他工作人员核对。 "
              + "The reporter cannot verify their own value (four-eyes principle): another officer must verify it.");
    }
  }
}
