package org.policyflow.shared.credit;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of record in the credit registry; the value is what forms submit. */
public enum CreditRecordType {
  /** 严重失信: TZP-E5 looks for these. */
  SERIOUS_DISHONESTY("serious-dishonesty", "严重失信"),
  /** 不良信用记录: written by BJC-CR1 after a verified dishonest act. */
  BAD_CREDIT("bad-credit", "不良信用记录"),
  /** 重大环保、安全事故: TZP-E6 looks for these. */
  MAJOR_ACCIDENT("major-accident", "重大环保、安全事故");

  private final String value;
  private final String label;

  CreditRecordType(String value, String label) {
    this.value = value;
    this.label = label;
  }

  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  public static Optional<CreditRecordType> of(String value) {
    return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
  }
}
