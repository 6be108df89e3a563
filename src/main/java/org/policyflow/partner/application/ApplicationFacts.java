package org.policyflow.partner.application;

import java.time.LocalDate;

/**
 * What an applicant declares on the partner application form (000 §四). Dates are the latest record
 * the applicant declares, or null when there is none.
 */
public record ApplicationFacts(
    String organisationName,
    String creditCode,
    boolean independentLegalPerson,
    String tongzhouPresence,
    double rdStaff,
    double rdSpending,
    double ownedIpCount,
    LocalDate declaredDishonestyDate,
    LocalDate declaredAccidentDate,
    String industryField) {

  public static final String REGISTERED = "registered";
  public static final String BRANCH = "branch";
}
