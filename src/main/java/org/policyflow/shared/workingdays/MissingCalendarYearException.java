package org.policyflow.shared.workingdays;

/**
 * A deadline needs a year whose holiday arrangement is not loaded (policy-rules F). Counting such a
 * year as plain Monday–Friday would silently move deadlines by days, so the computation stops here.
 */
public class MissingCalendarYearException extends RuntimeException {

  private final int year;

  public MissingCalendarYearException(int year) {
    super("工作日历缺少 " + year + " 年的节假日安排，无法计算期限。 The working-day calendar has no arrangement for "
        + year + ": add calendar file " + year + ".json and reload.");
    this.year = year;
  }

  public int year() {
    return year;
  }
}
