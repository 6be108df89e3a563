package org.policyflow.shared.credit;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the credit registry. {@code ruleId} names the rule that wrote it (e.g. BJC-CR1) or is
 * null for a record entered by staff from an external decision; {@code source} is the decision or
 * document it rests on; {@code persons} are the people held responsible (004 §八3 "相关人员"), each a
 * registry entry of their own that {@link CreditRegistry#findByPerson} finds.
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
    String processInstanceId,
    List<ResponsiblePerson> persons) {

  /**
   * A person named in a record: name, position in the unit and the identity document (type code of
   * {@link PersonDocument#TYPES}, number) by which {@link CreditRegistry#findByPersonDocument} finds them.
   */
  public record ResponsiblePerson(String name, String role, String idType, String idNumber) {}

  public CreditRecord {
    persons = persons == null ? List.of() : List.copyOf(persons);
  }

  /** A record that names no person (registry entries about the organisation only). */
  public CreditRecord(String creditCode, String organisationName, CreditRecordType type, LocalDate recordDate,
      String source, String description, String ruleId, String recordedBy, String processInstanceId) {
    this(creditCode, organisationName, type, recordDate, source, description, ruleId, recordedBy, processInstanceId,
        List.of());
  }

  public CreditRecord withProcessInstanceId(String id) {
    return new CreditRecord(creditCode, organisationName, type, recordDate, source, description, ruleId, recordedBy, id,
        persons);
  }

  /** How eligibility checks cite the record to the user: type, date and the decision it rests on. */
  public String citation() {
    return type.label() + "，" + recordDate + "，" + source;
  }
}
