package org.policyflow.shared.engine;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Variable writes that the engine would otherwise make for nothing. The engine stores every
 * {@code setVariable}, also of the value the variable already holds: an update of the runtime row, of
 * the historic variable and one more historic detail row (history level full), all in the step's
 * transaction. A delegate that normalises or confirms a submitted value writes it only when it differs.
 */
public final class VariableWrites {

  private VariableWrites() {}

  /**
   * Sets the variable (where {@code setVariable} would: the scope that already holds it, else this one)
   * unless it is present and holds an equal value. Returns whether it wrote.
   */
  public static boolean setIfChanged(VariableScope scope, String name, Object value) {
    if (scope.hasVariable(name) && Objects.equals(scope.getVariable(name), value)) {
      return false;
    }
    scope.setVariable(name, value);
    return true;
  }
}
