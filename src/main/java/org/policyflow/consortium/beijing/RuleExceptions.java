package org.policyflow.consortium.beijing;

import org.camunda.bpm.engine.IdentityService;

/**
 * Who is acting in a bj-consortium step. The "原则上" exceptions (BJC-L1, BJC-M1, BJC-M2) are no longer
 * granted here: they go to rule-exception.bpmn (org.policyflow.shared.exceptions), decided by a second officer.
 */
final class RuleExceptions {

  private RuleExceptions() {}

  /** The signed-in officer, or null when nobody identifiable is acting. */
  static String officer(IdentityService identityService) {
    return identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId();
  }
}
