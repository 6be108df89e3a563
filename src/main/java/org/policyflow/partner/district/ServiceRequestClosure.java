package org.policyflow.partner.district;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 诉求办结 (DST-S3): a request closes when the partner confirms it resolved, or when the partner lets the
 * confirmation period pass after a department's answer; which of the two is recorded, so the yearly
 * evaluation (DST-A1) does not count silence as satisfaction.
 */
@Component("serviceRequestClosure")
public class ServiceRequestClosure implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    boolean confirmed = "resolved".equals(DistrictVariables.text(execution, "requestResolved"));
    execution.setVariable("closure", confirmed ? "confirmed" : "confirmationLapsed");
    execution.setVariable("closureLabel", confirmed ? "创新伙伴确认已解决" : "创新伙伴逾期未确认，按办理结果办结");
    execution.setVariable("requestClosedAt", ClockUtil.getCurrentTime());
    execution.setVariable("requestStatus", "closed");
  }
}
