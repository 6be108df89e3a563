package org.policyflow.techcentre;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * Task_LoadSettings of tech-centre: checks the supporting unit's credit code and puts the configured lists
 * (lead types, the 10 + 6 fields, the office-recorded revocation grounds) into the instance as form options,
 * so that changes live in tech-centre.yaml only.
 */
@Component("ticSettings")
public class TechCentreSettingsDelegate implements JavaDelegate {

  private final TechCentreProperties properties;

  public TechCentreSettingsDelegate(TechCentreProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = TicRecords.text(execution, "supportingUnitCreditCode");
    CreditCode.check("supportingUnitCreditCode", code).ifPresent(v -> {
      throw new PolicyRuleException(v);
    });
    execution.setVariable("supportingUnitCreditCode", CreditCode.normalise(code));
    execution.setVariable("leadTypeOptions", options(properties.leadTypes()));
    execution.setVariable("fieldOptions", options(properties.fields()));
    // TIC-X1: automatic grounds are raised by the process itself; the officer picks only the others.
    execution.setVariable("revocationGroundOptions", properties.revocationGrounds().stream()
        .filter(g -> !g.automatic()).map(g -> Map.of("label", g.displayLabel(), "value", g.code())).toList());
    execution.setVariable("rdInvestmentThreshold", properties.rdInvestmentThreshold());
    execution.setVariable("recommendationWorkingDays", properties.recommendationWorkingDays());
    execution.setVariable("licenceStatus", "applying");
    // Gateway condition and form default: a district recommendation is asked for only when ticked.
    execution.setVariable("requestDistrictRecommendation", false);
  }

  static List<Map<String, String>> options(List<String> values) {
    return values.stream().map(v -> Map.of("label", v, "value", v)).toList();
  }
}
