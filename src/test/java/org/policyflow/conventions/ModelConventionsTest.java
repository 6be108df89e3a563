package org.policyflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.platform.guard.DeploymentGuard;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every model and form the project deploys passes the deployment guard (conventions and safety, beans and
 * published expression members of the real application), so the start-up deployment cannot be refused.
 */
@PolicyflowIntegrationTest
class ModelConventionsTest {

  @Autowired DeploymentGuard deploymentGuard;

  @Test
  void everyModelAndFormInTheProjectPassesTheDeploymentGuard() {
    assertThat(ModelConventions.check(Path.of("processes"), Path.of("forms"), deploymentGuard.modelGuard()))
        .isEmpty();
  }

  /** The test models other suites deploy (cluster test, working-day timers, Modeler call) are refused otherwise. */
  @Test
  void theTestModelsOtherSuitesDeployPassTheDeploymentGuard() {
    Path resources = Path.of("src/test/resources");
    assertThat(ModelConventions.deployable(resources.resolve("cluster"), Path.of("none"),
        deploymentGuard.modelGuard())).isEmpty();
    assertThat(ModelConventions.deployable(resources.resolve("bpmn"), resources.resolve("test-forms"),
        deploymentGuard.modelGuard())).isEmpty();
    assertThat(ModelConventions.deployable(resources.resolve("modeler"), Path.of("none"),
        deploymentGuard.modelGuard())).isEmpty();
  }
}
