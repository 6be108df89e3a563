package org.policyflow.shared.credit;

import java.time.LocalDate;

/**
 * One entry of the credit registry. {@code ruleId} names the rule that wrote it (e.g. BJC-CR1) or is
 * null for a record entered by staff from an external decision; {@code source} is the decision or
 * document it rests on.
 */
public record CreditRecord(
    String creditCode,
    String organisationName,
    CreditRecordType type,
    LocalDate recordDate,
    String source,
    String description,
    String ruleId,
    String recordedBy,
    String processInstanceId) {

  public CreditRecord withProcessInstanceId(String id) {
    return new CreditRecord(creditCode, organisationName, type, recordDate, source, description, ruleId, recordedBy, id);
  }
}
