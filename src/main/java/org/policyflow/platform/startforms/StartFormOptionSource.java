package org.policyflow.platform.startforms;

import java.util.List;

/**
 * The choices of a select in a process's start form that only the server knows today (the calls open
 * for applications, …). Tasklist loads no variables for a start form, so a select with a
 * {@code valuesKey} would stay empty there; {@code tasklist/scripts/start-form-options.js} fills it from
 * {@link StartFormOptionsController}. The choices are a convenience, never a check: the process's own
 * start step still refuses a value that is not, or no longer, acceptable.
 */
public interface StartFormOptionSource {

  /** The process whose start form has the select. */
  String processKey();

  /** The select's {@code valuesKey} in that form. */
  String valuesKey();

  /** The choices at this moment, in the order the select shows them. */
  List<StartFormOption> options();
}
