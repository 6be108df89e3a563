package org.policyflow.platform.guard;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment the guard refused. As a {@link BadUserRequestException} the engine REST API answers 400 with
 * this message (the Modeler shows it), the Java API caller gets it, and the deploy command rolls back: no
 * deployment, resource or definition is stored.
 */
public class DeploymentRefusedException extends BadUserRequestException {

  private final List<ModelViolation> violations;

  public DeploymentRefusedException(List<ModelViolation> violations) {
    super("部署被拒绝，模型不符合部署规则 / Deployment refused, the models break the deployment rules:\n"
        + violations.stream().map(ModelViolation::describe).collect(Collectors.joining("\n")));
    this.violations = List.copyOf(violations);
  }

  public List<ModelViolation> violations() {
    return violations;
  }
}
