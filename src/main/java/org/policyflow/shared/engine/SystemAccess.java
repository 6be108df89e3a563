package org.policyflow.shared.engine;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that enforce programme rules on behalf of the system rather than of the person
 * whose action triggered them. A locality clerk recommending an application must update the call's
 * quota and an applicant's eligibility check must see the credit registry, although neither may read
 * or change those instances themselves. Authorization checks are suspended only for the callable;
 * inside an ongoing engine command the same transaction is reused.
 */
@Component
public class SystemAccess {

  private final ProcessEngineConfigurationImpl configuration;

  public SystemAccess(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  public <T> T call(Callable<T> work) {
    return configuration.getCommandExecutorTxRequired()
        .execute(commandContext -> commandContext.runWithoutAuthorization(work));
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
