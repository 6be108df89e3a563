package org.policyflow.platform.guard;

/**
 * One thing the deployment guard refuses in a model: the file, the element (its id, or the form field's key;
 * "-" for the file as a whole), the rule, and the reason as the process owner reads it in the Modeler.
 */
public record ModelViolation(String file, String element, GuardRule rule, String reasonZh, String reasonEn) {

  /** "partner-application.bpmn: Task_Check: [DG-5] 禁止反射：… / no reflection: …" */
  public String describe() {
    return file + ": " + element + ": [" + rule.id() + "] " + reasonZh + " / " + reasonEn;
  }

  @Override
  public String toString() {
    return describe();
  }
}
