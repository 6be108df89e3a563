package org.policyflow.platform.cases;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which process instances are an applicant's own cases in 我的申报 ({@code my-cases.yaml}): those the
 * applicant started, and those the server created for them and marks with the applicant's user id in a
 * variable (a cooperation after selection). A variable that a person could set in their own start form
 * must not be used here: only the engine's record of who started an instance is beyond their reach.
 */
@ConfigurationProperties("policyflow.my-cases")
public record MyCasesProperties(List<CaseProcess> processes) {

  /**
   * @param process the process key
   * @param applicantVariable the variable holding the applicant's user id; null: the instances the
   *     applicant started
   * @param titleVariables the variables that name a case (first one set wins)
   * @param internalTasks task definition keys (of the case or an instance it calls) that the applicant is
   *     not shown while they are open: the office's verification of a reported violation must not be
   *     announced to the partner before it has a finding
   */
  public record CaseProcess(String process, String applicantVariable, List<String> titleVariables,
      List<String> internalTasks) {
    public CaseProcess {
      titleVariables = titleVariables == null ? List.of() : List.copyOf(titleVariables);
      internalTasks = internalTasks == null ? List.of() : List.copyOf(internalTasks);
    }
  }

  public MyCasesProperties {
    processes = processes == null ? List.of() : List.copyOf(processes);
  }
}
