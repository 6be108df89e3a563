package org.policyflow.shared.dossier;

import java.util.List;

/**
 * Cases a programme shows beside a dossier, for instance the applications of a call next to the call's
 * selection task (a task of no case of its own). A programme package implements it as a bean; the dossier
 * lists what every implementation returns. Implementations return only cases the caller may open: opening
 * one checks access again.
 */
public interface RelatedCases {

  /** A case shown beside the dossier, with its key figures under Chinese labels. */
  record Related(String caseId, String title, List<Figure> summary, String url) {}

  record Figure(String label, String value) {}

  /**
   * @param processInstanceId the instance of the task asked about, or the case itself when asked by case
   * @param taskId the task asked about; null when asked by case
   */
  List<Related> related(String processInstanceId, String taskId, DossierCaller caller);
}
