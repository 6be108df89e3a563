package org.policyflow.partner.application;

import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of one eligibility rule, kept in history for the applicant, the locality and the auditor. */
public record EligibilityFinding(String rule, boolean passed, String reasonZh, String reasonEn) {

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("rule", rule);
    map.put("passed", passed);
    map.put("result", passed ? "符合" : "不符合");
    map.put("reasonZh", reasonZh);
    map.put("reasonEn", reasonEn);
    return map;
  }
}
