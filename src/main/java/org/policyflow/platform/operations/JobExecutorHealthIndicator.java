package org.policyflow.platform.operations;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health of this node's job executor ({@code jobExecutor}): timers, reminders and asynchronous steps run
 * only while it is active. Replaces the starter's indicator of the same bean name, which exists only when
 * the executor is configured on, so that the readiness group can always name {@code jobExecutor}: a node
 * configured without executor (tests, a node kept for the webapps) is UP with {@code enabled=false}; a node
 * configured with one whose executor is not active (stopped or failed to start) is DOWN.
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngineConfigurationImpl configuration;

  public JobExecutorHealthIndicator(ProcessEngineConfigurationImpl configuration) {
    super("Job executor health check failed");
    this.configuration = configuration;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    JobExecutor executor = configuration.getJobExecutor();
    boolean enabled = configuration.isJobExecutorActivate() && executor != null;
    builder.withDetail("enabled", enabled);
    if (!enabled) {
      builder.up();
      return;
    }
    builder.withDetail("active", executor.isActive())
        .withDetail("lockOwner", executor.getLockOwner())
        .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition())
        .withDetail("waitTimeInMillis", executor.getWaitTimeInMillis())
        .withDetail("lockTimeInMillis", executor.getLockTimeInMillis());
    if (executor.isActive()) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
