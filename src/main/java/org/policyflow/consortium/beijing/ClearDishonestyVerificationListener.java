package org.policyflow.consortium.beijing;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of the BJC-CR1 event sub-process: a report's verification entries are taken off the instance (history
 * keeps them, and the registry keeps the record), so the next report's verification form starts empty.
 * Event sub-processes cannot have input mappings, hence this instead of local variables.
 */
@Component("clearDishonestyVerification")
public class ClearDishonestyVerificationListener implements ExecutionListener {

  static final List<String> FIELDS = List.of("dishonestyReport", "dishonestyReportedBy", "dishonestyVerified",
      "dishonestUnitName", "dishonestUnitCreditCode", "responsiblePersons", "verificationSource",
      "verificationDescription", "suspectedCrime", "transferAuthority", "transferDocumentNo", "transferDate");

  @Override
  public void notify(DelegateExecution execution) {
    execution.getProcessInstance().removeVariables(FIELDS);
  }
}
