package org.policyflow.consortium.beijing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * Task_LoadProgrammeSettings of bj-consortium: checks the proposal's lead unit identity and puts the
 * configured lists (priority fields, formation modes, agreement mechanisms) into the instance as the
 * options of its forms, so that yearly changes live in bj-consortium.yaml only.
 */
@Component("bjConsortiumSettings")
public class BjConsortiumSettingsDelegate implements JavaDelegate {

  private final BjConsortiumProperties properties;

  public BjConsortiumSettingsDelegate(BjConsortiumProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CreditCode.check("leadUnitCreditCode", ConsortiumChecks.text(execution, "leadUnitCreditCode"))
        .ifPresent(v -> {
          throw new PolicyRuleException(v);
        });
    execution.setVariable("leadUnitCreditCode", CreditCode.normalise(ConsortiumChecks.text(execution, "leadUnitCreditCode")));
    // BJC-D1: 004 §三1 lists the fields ending in "等", so the list is open: "other" lets the officer name one.
    List<Map<String, String>> fields = new ArrayList<>(options(properties.priorityFields()));
    fields.add(Map.of("label", "其他高精尖产业领域（请注明）", "value", CheckLeadUnitDelegate.OTHER_FIELD));
    execution.setVariable("priorityFieldOptions", fields);
    execution.setVariable("formationModeOptions", options(properties.formationModes()));
    execution.setVariable("mechanismOptions", options(properties.agreementMechanisms()));
  }

  static List<Map<String, String>> options(List<String> values) {
    return values.stream().map(v -> Map.of("label", v, "value", v)).toList();
  }
}
