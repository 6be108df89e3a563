package org.policyflow.consortium.beijing;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.springframework.stereotype.Component;

/**
 * BJC-I2 (004 §八3 "申报单位须…符合诚信相关要求"): the credit registry is read for the lead unit and every
 * member with a credit code, as the partner programme's TZP-E5 reads it for an applicant. A bad-credit or
 * serious-dishonesty record within the configured period (a local choice, bj-consortium.yaml) refuses the unit.
 */
@Component
public class ConsortiumIntegrity {

  public static final String RULE = "BJC-I2";
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
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RecordSupportDecisionDelegate.CHINA);
    List<CreditRecord> found = registry.find(creditCode, ADVERSE, today.minusYears(properties.integrityLookbackYears()), today);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }

  int lookbackYears() {
    return properties.integrityLookbackYears();
  }
}
