package org.policyflow.partner.cooperation;

import org.camunda.bpm.engine.IdentityService;
import org.policyflow.shared.rules.FourEyesListener;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * TZP-V3 (000 §六 "一经核实"): since a tz-sti officer may open a violation case himself (TZP-V1), the finding that
 * ends the agreement and may enter the credit registry must come from another officer. End listener of
 * Task_VerifyViolation; {@code violationSubmittedBy} is the account that opened the case or sent the report.
 */
@Component("violationVerifierCheck")
public class ViolationVerifierCheck extends FourEyesListener {

  public static final String RULE = "TZP-V3";

  public ViolationVerifierCheck(IdentityService identityService) {
    super(identityService, "violationSubmittedBy", new RuleViolation(RULE, "violationVerified",
        "立案或报告违规情形的工作人员不能核实本人提出的案件（四眼原则），请由区科委其他工作人员核实",
        "The officer who opened or reported the violation case cannot verify it (four-eyes principle): "
            + "another tz-sti officer must verify it"));
  }
}
