package org.policyflow.consortium.beijing;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.policyflow.shared.credit.PersonDocument;
import org.springframework.stereotype.Component;

/**
 * BJC-I2 (004 §八3 "申报单位须…符合诚信相关要求"): the credit registry is read for the lead unit and every
 * member with a credit code, as the partner programme's TZP-E5 reads it for an applicant. A bad-credit or
 * serious-dishonesty record within the configured period (a local choice, bj-consortium.yaml) refuses the unit.
 * BJC-CR2: the same for the persons the application names (the lead unit's 法定代表人, 项目负责人…, each member's
 * 负责人), found by identity document among the 相关人员 that BJC-CR1 and other registry entries name.
 */
@Component
public class ConsortiumIntegrity {

  public static final String RULE = "BJC-I2";
  public static final String PERSON_RULE = "BJC-CR2";
  static final int MAX_NAME = 50;
  private static final EnumSet<CreditRecordType> ADVERSE =
      EnumSet.of(CreditRecordType.BAD_CREDIT, CreditRecordType.SERIOUS_DISHONESTY);

  private final CreditRegistry registry;
  private final BjConsortiumProperties properties;

  public ConsortiumIntegrity(CreditRegistry registry, BjConsortiumProperties properties) {
    this.registry = registry;
    this.properties = properties;
  }

  /** The latest adverse record of the organisation within the period, if any. */
  public Optional<CreditRecord> adverseRecord(String creditCode) {
    LocalDate today = today();
    return latest(registry.find(creditCode, ADVERSE, today.minusYears(properties.integrityLookbackYears()), today));
  }

  /** The latest adverse record within the period that names the holder of this document, if any. */
  public Optional<CreditRecord> adverseRecordOfPerson(String idType, String idNumber) {
    LocalDate today = today();
    LocalDate from = today.minusYears(properties.integrityLookbackYears());
    return latest(registry.findByPersonDocument(idType, idNumber).stream()
        .filter(r -> ADVERSE.contains(r.type()))
        .filter(r -> !r.recordDate().isBefore(from) && !r.recordDate().isAfter(today))
        .toList());
  }

  /**
   * "王某甲（项目负责人，居民身份证 110108********123X）…不良信用记录，2025-11-03，京科监〔2025〕9号（登记单位：…）":
   * who, by a number others may read, and the entry, so the officer can look the entry up.
   */
  public String describePersonRecord(String name, String role, String idType, String idNumber, CreditRecord record) {
    return name + "（" + (role.isEmpty() ? "" : role + "，") + PersonDocument.TYPES.get(idType) + " "
        + PersonDocument.mask(idNumber) + "）近" + lookbackYears() + "年在信用登记簿中有" + record.citation()
        + "（登记单位：" + record.organisationName() + "）";
  }

  /**
   * Why a person named in the application cannot be looked up (Chinese, English), or empty: the registry finds
   * a person by identity document, so a name alone is not enough.
   */
  static Optional<String[]> personProblem(String name, String idType, String idNumber) {
    if (name.isEmpty() || name.length() > MAX_NAME || name.contains("、")) {
      return Optional.of(new String[] {"须填写姓名（不超过" + MAX_NAME + "字）", "needs a name of at most " + MAX_NAME + " characters"});
    }
    return PersonDocument.problem(idType, idNumber)
        .map(p -> new String[] {"须填写证件类型和号码：" + p[0], "needs an identity document: " + p[1]});
  }

  int lookbackYears() {
    return properties.integrityLookbackYears();
  }

  private static LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RecordSupportDecisionDelegate.CHINA);
  }

  private static Optional<CreditRecord> latest(List<CreditRecord> records) {
    return records.stream().max((a, b) -> a.recordDate().compareTo(b.recordDate()));
  }
}
