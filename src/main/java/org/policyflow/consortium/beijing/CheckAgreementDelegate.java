package org.policyflow.consortium.beijing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_CheckAgreement of bj-consortium, before the submission goes to expert review: BJC-A1 the formation
 * agreement covers every configured mechanism (each missing one named), BJC-A2 administrative and technical
 * chiefs and a project commissioner with a technical background, BJC-I1 the integrity commitment, BJC-P2 the
 * development plan with its main indicators and the consortium's own milestones (funded under BJC-F1).
 */
@Component("checkConsortiumAgreement")
public class CheckAgreementDelegate implements JavaDelegate {

  private final BjConsortiumProperties properties;

  public CheckAgreementDelegate(BjConsortiumProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    List<String> covered = VariableValues.strings(execution.getVariable("agreementMechanisms"));
    for (String mechanism : properties.agreementMechanisms()) {
      if (!covered.contains(mechanism)) {
        violations.add(new RuleViolation("BJC-A1", "agreementMechanisms",
            "组建协议未明确" + mechanism + "机制", "The agreement does not settle the mechanism " + mechanism));
      }
    }
    check(execution, violations, "administrativeLeadName", "行政负责人（运行主体或依托单位主要负责人）", "the administrative lead");
    check(execution, violations, "technicalLeadName", "技术负责人（领域高层次领军人才）", "the technical lead");
    check(execution, violations, "commissionerName", "项目专员", "the project commissioner");
    check(execution, violations, "commissionerBackground", "项目专员的技术背景", "the commissioner's technical background");
    if (!VariableValues.isTrue(execution.getVariable("integrityCommitment"))) {
      violations.add(new RuleViolation("BJC-I1", "integrityCommitment",
          "申报须提交诚信承诺书，承诺材料真实、有效、完整", "The submission needs the signed integrity commitment"));
    }
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RecordSupportDecisionDelegate.CHINA);
    DevelopmentPlan.check(execution.getVariables(), today, violations);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
  }

  private static void check(DelegateExecution execution, List<RuleViolation> violations, String field, String zh,
      String en) {
    if (ConsortiumChecks.text(execution, field).isEmpty()) {
      violations.add(new RuleViolation("BJC-A2", field, "“行政+技术”双总师负责制：请填写" + zh,
          "Dual-chief system: name " + en));
    }
  }
}
