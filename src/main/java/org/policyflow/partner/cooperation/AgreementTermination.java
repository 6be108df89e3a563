package org.policyflow.partner.cooperation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** 终止合作协议 (TZP-C4): the moment the agreement ended; all cooperation work was cancelled before. */
@Component("agreementTermination")
public class AgreementTermination implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("agreementTerminatedAt", ClockUtil.getCurrentTime());
    execution.setVariable("cooperationStatus", "terminated");
  }
}
