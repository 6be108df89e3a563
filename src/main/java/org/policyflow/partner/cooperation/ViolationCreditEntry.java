package org.policyflow.partner.cooperation;

import java.util.Optional;
import java.util.Set;
import org.policyflow.shared.credit.CreditRecordType;

/**
 * TZP-V2: which verified violations of 000 §六 become an entry of the credit registry, so that the
 * eligibility checks that read it (TZP-E5 严重失信, TZP-E6 重大环保、安全事故) find them in later calls.
 * Only what those checks look for is written: a verified 严重失信, and a verified 安全环保事故 the verifier
 * judged major. 弄虚作假 ends the agreement (TZP-C4) but is not a registry category of its own; a
 * minor accident ends it too without marking the organisation for three years.
 */
public final class ViolationCreditEntry {

  public static final String RULE = "TZP-V2";
  /** Values of {@code accidentMajor} on the verification form. */
  static final Set<String> SEVERITIES = Set.of("major", "notMajor");

  private ViolationCreditEntry() {}

  public static Optional<CreditRecordType> typeFor(String violationType, String verified, String accidentMajor) {
    if (!"verified".equals(verified)) {
      return Optional.empty();
    }
    if ("seriousDishonesty".equals(violationType)) {
      return Optional.of(CreditRecordType.SERIOUS_DISHONESTY);
    }
    if ("safetyEnvironmentalAccident".equals(violationType) && "major".equals(accidentMajor)) {
      return Optional.of(CreditRecordType.MAJOR_ACCIDENT);
    }
    return Optional.empty();
  }
}
