package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_LoadSettings of yc-consortium (002 §四(一)): checks the proposal (formation mode 定向组织 or 自主申报, the
 * lead enterprise's credit code) and puts the configured figures and grade options into the instance, so that
 * forms and the yearly instances show what yc-consortium.yaml says.
 */
@Component("ycConsortiumSettings")
public class YcConsortiumSettingsDelegate implements JavaDelegate {

  static final List<String> FORMATION_MODES = List.of("directed", "self-applied");
  private final YcConsortiumProperties properties;

  public YcConsortiumSettingsDelegate(YcConsortiumProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    YcRules.required(execution, violations, "consortiumTopic", "联合体方向（×××）", "The consortium's direction");
    YcRules.required(execution, violations, "leadUnitName", "牵头企业", "The lead enterprise");
    YcRules.required(execution, violations, "field", "产业领域", "The industry field");
    if (!FORMATION_MODES.contains(YcRules.text(execution, "formationMode"))) {
      violations.add(new RuleViolation(YcRules.FORM_RULE, "formationMode", "组建方式须为定向组织或自主申报",
          "The formation mode is directed or self-applied"));
    }
    String code = YcRules.text(execution, "leadUnitCreditCode");
    CreditCode.check("leadUnitCreditCode", code).ifPresent(violations::add);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    execution.setVariable("leadUnitCreditCode", CreditCode.normalise(code));
    execution.setVariable("minimumMembers", properties.minimumMembers());
    execution.setVariable("constructionYears", properties.constructionYears());
    execution.setVariable("nameExample", properties.nameExample());
    execution.setVariable("argumentationExpertTypes", properties.argumentationExpertTypes());
    execution.setVariable("gradeOptions", properties.evaluationGrades().stream()
        .map(g -> Map.of("label", g.label(), "value", g.value())).toList());
  }
}
