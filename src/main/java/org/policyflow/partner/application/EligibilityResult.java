package org.policyflow.partner.application;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** All findings of one eligibility check; eligible when no exclusion rule failed. */
public record EligibilityResult(List<EligibilityFinding> findings, boolean priorityField) {

  public boolean eligible() {
    return findings.stream().allMatch(EligibilityFinding::passed);
  }

  public List<EligibilityFinding> failures() {
    return findings.stream().filter(f -> !f.passed()).toList();
  }

  public List<Map<String, Object>> findingsAsMaps() {
    return findings.stream().map(EligibilityFinding::toMap).collect(Collectors.toList());
  }

  /** One line per failed rule, as shown to the applicant. */
  public String failureText() {
    return failures().stream().map(EligibilityFinding::describe).collect(Collectors.joining("\n"));
  }
}
