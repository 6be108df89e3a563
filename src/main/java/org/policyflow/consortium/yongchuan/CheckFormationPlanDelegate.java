package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.exceptions.RuleExceptionMapping;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_CheckFormationPlan of yc-consortium (组建条件, 002 §三): YCC-L1 the lead enterprise is located in
 * Yongchuan (no exception: the seed says 由永川区内…龙头企业牵头组建); YCC-M1 at least {@code minimum-members}
 * member units (一般: the officer may ask for an exception, which another yc-stb
 * officer decides in rule-exception.bpmn); YCC-G1 council chaired by the lead unit's head, members
 * the heads of all member units, a secretariat with named staff attached to the lead unit. Runs again for
 * every revised plan, so each argumentation round argues a plan that meets the conditions.
 */
@Component("checkYcFormationPlan")
public class CheckFormationPlanDelegate implements JavaDelegate {

  private final YcMembership membership;
  private final YcConsortiumProperties properties;

  public CheckFormationPlanDelegate(YcMembership membership, YcConsortiumProperties properties) {
    this.membership = membership;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    if (!VariableValues.isTrue(execution.getVariable("leadLocatedInYongchuan"))) {
      violations.add(new RuleViolation("YCC-L1", "leadLocatedInYongchuan", "创新联合体须由永川区内的行业龙头企业牵头组建",
          "The consortium must be led by an industry-leading enterprise located in Yongchuan"));
    }
    String lead = YcRules.text(execution, "leadUnitName");
    String leadHead = YcRules.text(execution, "leadUnitHead");
    if (leadHead.isEmpty()) {
      violations.add(new RuleViolation("YCC-G1", "leadUnitHead", "请填写牵头单位负责人：理事长由牵头单位负责人担任",
          "The lead unit's head chairs the council"));
    } else if (!leadHead.equals(YcRules.text(execution, "councilChair"))) {
      violations.add(new RuleViolation("YCC-G1", "councilChair", "理事长须由牵头单位负责人（" + leadHead + "）担任",
          "The council chair must be the lead unit's head (" + leadHead + ")"));
    }
    List<String> staff = VariableValues.rows(execution.getVariable("secretariatStaff")).stream()
        .map(r -> VariableValues.text(r.get("staffName"))).filter(n -> !n.isEmpty()).toList();
    if (staff.isEmpty()) {
      violations.add(new RuleViolation("YCC-G1", "secretariatStaff", "秘书处应明确固定工作人员（至少1名）",
          "The secretariat needs named fixed staff"));
    }
    YcRules.required(execution, violations, "planSummary", "组建方案概要", "The plan summary");
    YcMembership.Result result = membership.check(lead, leadHead, execution.getVariable("members"), violations);
    List<String> requested = new ArrayList<>();
    if (!result.enoughMembers()) {
      if (VariableValues.isTrue(execution.getVariable("memberException"))) {
        requested.add("YCC-M1");
      } else {
        violations.add(new RuleViolation("YCC-M1", "members", "成员单位一般不少于" + properties.minimumMembers()
            + "个（现有" + result.memberNames().size() + "个）。如确需例外，请勾选“申请例外”并写明理由，由永川区科技局其他工作人员审批",
            "At least " + properties.minimumMembers() + " member units are expected (" + result.memberNames().size()
                + " given); to ask for an exception tick the box and give a written reason: another yc-stb officer decides"));
      }
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    RuleExceptionMapping.request(execution, requested, "memberExceptionReason");
    Map<String, Object> secretariat = new LinkedHashMap<>();
    secretariat.put("attachedTo", lead);
    secretariat.put("staff", staff);
    execution.setVariable("council", result.council());
    execution.setVariable("secretariat", secretariat);
    execution.setVariable("memberOrganisations", result.memberNames());
    execution.setVariable("memberCount", result.memberNames().size());
    // The tick is for this plan only: a revised or changed membership must earn its own exception.
    execution.setVariable("memberException", false);
  }
}
