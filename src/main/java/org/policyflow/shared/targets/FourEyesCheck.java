package org.policyflow.shared.targets;

import org.camunda.bpm.engine.IdentityService;
import org.policyflow.shared.rules.FourEyesListener;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * A value recorded by one officer is confirmed by another: the person completing the verification
 * must not be the one who reported it (variable {@code reporter}, set by the start event's initiator).
 */
@Component("fourEyesCheck")
public class FourEyesCheck extends FourEyesListener {

  public static final String RULE = "FOUR-EYES";

  public FourEyesCheck(IdentityService identityService) {
    super(identityService, "reporter", new RuleViolation(RULE, "verification",
        "填报人不能核对本人填报的数值（四眼原则），请由其他工作人员核对",
        "The reporter cannot verify their own value (four-eyes principle): another officer must verify it"));
  }
}
