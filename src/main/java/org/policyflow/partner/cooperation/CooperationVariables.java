package org.policyflow.partner.cooperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;

/** Typed access to the variables of partner-cooperation and partner-cooperation-year. */
final class CooperationVariables {

  private CooperationVariables() {}

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString().trim();
  }

  static boolean blank(VariableScope scope, String name) {
    String value = text(scope, name);
    return value == null || value.isEmpty();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(VariableScope scope, String name) {
    List<Map<String, Object>> copy = new ArrayList<>();
    if (scope.getVariable(name) instanceof List<?> items) {
      items.forEach(item -> copy.add(new LinkedHashMap<>((Map<String, Object>) item)));
    }
    return copy;
  }

  /** Removes a variable from every scope above this one (data correlated into an outer scope). */
  static void removeFromOuterScopes(VariableScope execution, String name) {
    AbstractVariableScope scope = ((AbstractVariableScope) execution).getParentVariableScope();
    while (scope != null) {
      if (scope.hasVariableLocal(name)) {
        scope.removeVariableLocal(name);
      }
      scope = scope.getParentVariableScope();
    }
  }
}
