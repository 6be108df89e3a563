package org.policyflow.partner.district;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;

/** Typed access to the variables of the district's routines and the checks they share. */
final class DistrictVariables {

  private DistrictVariables() {}

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString().trim();
  }

  static void required(VariableScope scope, List<RuleViolation> violations, String rule, String field, String zh,
      String en) {
    String value = text(scope, field);
    if (value == null || value.isEmpty()) {
      violations.add(new RuleViolation(rule, field, "请填写" + zh + "。", "The " + en + " is required."));
    }
  }

  static void oneOf(VariableScope scope, List<RuleViolation> violations, String rule, String field,
      Map<String, String> allowed, String zh, String en) {
    String value = text(scope, field);
    if (value == null || !allowed.containsKey(value)) {
      violations.add(new RuleViolation(rule, field, "请选择" + zh + "。", "Choose the " + en + "."));
    }
  }

  /** A list of rows, whether stored by the system (List) or submitted by Tasklist's dynamic list (Spin JSON). */
  static List<Map<String, Object>> list(VariableScope scope, String name) {
    return VariableValues.rows(scope.getVariable(name));
  }

  static String currentUser(IdentityService identityService) {
    return identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId();
  }
}
