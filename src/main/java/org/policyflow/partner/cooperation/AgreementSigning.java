package org.policyflow.partner.cooperation;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** 记录签约日期 (TZP-C1): all three parties have signed; the cooperation period runs from now. */
@Component("agreementSigning")
public class AgreementSigning implements JavaDelegate {

  private final PartnerSchedule schedule;

  public AgreementSigning(PartnerSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date signedAt = ClockUtil.getCurrentTime();
    execution.setVariable("agreementSignedAt", signedAt);
    execution.setVariable("cooperationEndsAt", schedule.cooperationEnd(signedAt));
    execution.setVariable("cooperationStatus", "active");
  }
}
