package org.policyflow.consortium.beijing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_CheckLeadUnit of bj-consortium (遴选牵头单位, 004 §六1, §四(一)): a priority field and a formation
 * mode from configuration; the direction argued for necessity, urgency and feasibility; BJC-L1 registered
 * in Beijing (原则上: exception possible); BJC-L2 R&D strength and BJC-L3 resource integration are the
 * officer's recorded judgement and decide whether the lead unit enters the proposed support list.
 */
@Component("checkLeadUnit")
public class CheckLeadUnitDelegate implements JavaDelegate {

  static final String MEETS = "meets";
  private final BjConsortiumProperties properties;
  private final IdentityService identityService;

  public CheckLeadUnitDelegate(BjConsortiumProperties properties, IdentityService identityService) {
    this.properties = properties;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    if (!properties.priorityFields().contains(ConsortiumChecks.text(execution, "field"))) {
      violations.add(new RuleViolation(ConsortiumChecks.FORM_RULE, "field",
          "所属领域须为重点产业领域之一：" + String.join("、", properties.priorityFields()),
          "The field must be one of the priority fields"));
    }
    if (!properties.formationModes().contains(ConsortiumChecks.text(execution, "formationMode"))) {
      violations.add(new RuleViolation(ConsortiumChecks.FORM_RULE, "formationMode",
          "组建方式须为：" + String.join("、", properties.formationModes()), "Choose one of the formation modes"));
    }
    ConsortiumChecks.required(execution, violations, "directionNecessity", "技术需求的必要性论证", "The argument for necessity");
    ConsortiumChecks.required(execution, violations, "directionUrgency", "技术需求的紧迫性论证", "The argument for urgency");
    ConsortiumChecks.required(execution, violations, "directionFeasibility", "技术需求的可实施性论证", "The argument for feasibility");
    ConsortiumChecks.principle(execution, identityService, properties.exceptionReasonMinLength(), violations,
        VariableValues.isTrue(execution.getVariable("leadRegisteredInBeijing")), "BJC-L1", "leadRegisteredInBeijing",
        "leadL1Exception", "leadL1ExceptionReason",
        "牵头单位原则上应为注册在北京的领军企业或领衔机构", "The lead unit should be registered in Beijing");
    String rd = ConsortiumChecks.text(execution, "leadRdCapability");
    String integration = ConsortiumChecks.text(execution, "leadIntegrationCapability");
    if (rd.isEmpty()) {
      violations.add(new RuleViolation("BJC-L2", "leadRdCapability", "请判断牵头单位科研研发实力及研发队伍稳定性",
          "Judge the lead unit's R&D strength and team stability"));
    }
    if (integration.isEmpty()) {
      violations.add(new RuleViolation("BJC-L3", "leadIntegrationCapability", "请判断牵头单位资源整合能力",
          "Judge the lead unit's resource-integration ability"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Map<String, Object> judgement = new LinkedHashMap<>();
    judgement.put("BJC-L2", rd);
    judgement.put("BJC-L2-comment", ConsortiumChecks.text(execution, "leadRdComment"));
    judgement.put("BJC-L3", integration);
    judgement.put("BJC-L3-comment", ConsortiumChecks.text(execution, "leadIntegrationComment"));
    judgement.put("judgedBy", RuleExceptions.officer(identityService));
    execution.setVariable("leadJudgement", judgement);
    execution.setVariable("leadSelected", MEETS.equals(rd) && MEETS.equals(integration));
  }
}
