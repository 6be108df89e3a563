package org.policyflow.platform.operations;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
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
  private final boolean configuredOn;

  /**
   * Whether the executor should run comes from the starter's property: the starter keeps the engine's own
   * "activate" flag off and starts the executor itself once the application has started.
   */
  public JobExecutorHealthIndicator(ProcessEngineConfigurationImpl configuration,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean configuredOn) {
    super("Job executor health check failed");
    this.configuration = configuration;
    this.configuredOn = configuredOn;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    JobExecutor executor = configuration.getJobExecutor();
    boolean enabled = configuredOn && executor != null;
    builder.withDetail("enabled", enabled);
    if (!enabled) {
      builder.up();
      return;
    }
    builder.withDetail("active", executor.isActive())
        .withDetail("lockOwner", String.valueOf(executor.getLockOwner()))
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
