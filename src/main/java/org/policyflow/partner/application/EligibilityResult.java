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

  /**
   * One line per failed rule, as the applicant reads it in the Chinese outcome form: Chinese only, the
   * English of every reason is in {@link #failureTextEn()}.
   */
  public String failureText() {
    return failures().stream().map(f -> "[" + f.rule() + "] " + f.reasonZh()).collect(Collectors.joining("\n"));
  }

  public String failureTextEn() {
    return failures().stream().map(f -> "[" + f.rule() + "] " + f.reasonEn()).collect(Collectors.joining("\n"));
  }
}
