package org.policyflow.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The job executor's health: DOWN only when it should run on this node and does not. */
class JobExecutorHealthIndicatorTest {

  final StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
  final JobExecutor executor = mock(JobExecutor.class);

  JobExecutorHealthIndicatorTest() {
    configuration.setJobExecutor(executor);
  }

  @Test
  void anActiveExecutorIsUp() {
    when(executor.isActive()).thenReturn(true);
    assertThat(new JobExecutorHealthIndicator(configuration, true).health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aStoppedExecutorThatShouldRunIsDown() {
    when(executor.isActive()).thenReturn(false);
    var health = new JobExecutorHealthIndicator(configuration, true).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("enabled", true).containsEntry("active", false);
  }

  @Test
  void aNodeConfiguredWithoutExecutorIsUp() {
    var health = new JobExecutorHealthIndicator(configuration, false).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("enabled", false);
  }
}
