package org.policyflow.platform.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.policyflow.platform.ModelDeployer;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the process engine ({@code processEngine} in /actuator/health and the readiness group). The
 * starter's own indicator of that name reports UP as soon as the engine object exists; this one replaces
 * it (same bean name) and runs two engine commands: reading the engine's schema version and finding the
 * project's model deployment. UP therefore means the engine reaches its tables and can serve the
 * programmes, not only that it was built.
 */
@Component("processEngineHealthIndicator")
public class EngineHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngine engine;

  public EngineHealthIndicator(ProcessEngine engine) {
    super("Process engine health check failed");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    String schemaVersion = engine.getManagementService().getProperties().get("schema.version");
    long deployments = engine.getRepositoryService().createDeploymentQuery()
        .deploymentName(ModelDeployer.DEPLOYMENT_NAME).count();
    builder.withDetail("name", engine.getName())
        .withDetail("schemaVersion", schemaVersion == null ? "unknown" : schemaVersion)
        .withDetail("modelDeployments", deployments);
    if (deployments == 0) {
      builder.down().withDetail("reason", "the models of processes/ are not deployed");
    } else {
      builder.up();
    }
  }
}
