package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.exceptions.RuleExceptionMapping;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * YCC-O2 (重大事项变更需报区科技局备案, 002 §三(四)): a major change of an operating consortium is filed with
 * yc-stb; when members join or leave, the membership rules are checked again (YCC-M1, YCC-G1), and a unit joins
 * only once it has signed the consortium's IP management agreement (YCC-IP2). A filing is a
 * fact and is accepted even when it leaves too few members; yc-stb then decides: an exception (granted by
 * another yc-stb officer), rectification (the consortium recruits and files again) or termination.
 */
@Configuration
public class MajorChangeDelegates {

  static final List<String> CHANGE_TYPES = List.of("member-joined", "member-left", "other");
  private final YcMembership membership;
  private final IdentityService identityService;

  public MajorChangeDelegates(YcMembership membership, IdentityService identityService) {
    this.membership = membership;
    this.identityService = identityService;
  }

  @Bean("recordYcMajorChange")
  public JavaDelegate recordMajorChange() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      String type = YcRules.text(execution, "changeType");
      if (!CHANGE_TYPES.contains(type)) {
        violations.add(new RuleViolation("YCC-O2", "changeType", "请选择变更类型", "Choose the kind of change"));
      }
      YcRules.required(execution, violations, "changeDescription", "变更事项说明", "The description of the change");
      List<String> before = VariableValues.strings(execution.getVariable("memberOrganisations"));
      YcMembership.Result result = membership.check(YcRules.text(execution, "leadUnitName"),
          YcRules.text(execution, "leadUnitHead"), execution.getVariable("members"), violations);
      List<String> joined = result.memberNames().stream().filter(n -> !before.contains(n)).toList();
      Map<String, Object> accession = joined.isEmpty() ? null : IpAgreementDelegate.accession(execution, joined, violations);
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("ruleId", "YCC-O2");
      change.put("changeType", type);
      change.put("description", YcRules.text(execution, "changeDescription"));
      change.put("joined", joined);
      change.put("left", before.stream().filter(n -> !result.memberNames().contains(n)).toList());
      change.put("memberCount", result.memberNames().size());
      change.put("filedBy", YcRules.officer(identityService));
      change.put("filedAt", YcRules.now());
      if (accession != null) {
        change.put("ipAccession", accession);
        IpAgreementDelegate.join(execution, accession);
      }
      YcRules.append(execution, "majorChanges", change);
      // A new filing starts a new shortfall decision: an exception refused for an earlier one is not shown again.
      execution.removeVariable("exceptionGranted");
      execution.removeVariable("exceptionDecisionReason");
      execution.setVariable("memberOrganisations", result.memberNames());
      execution.setVariable("memberCount", result.memberNames().size());
      execution.setVariable("council", result.council());
      execution.setVariable("membershipSufficient", result.enoughMembers());
    };
  }

  /**
   * Task_RecordShortfallDecision: yc-stb asks for a YCC-M1 exception (一般不少于…个), which another yc-stb officer
   * decides in rule-exception.bpmn (EXC-1; the reason is the request's, EXC-3), or sets a deadline to recruit, or
   * ends the consortium. A refused exception brings the shortfall back to this choice.
   */
  @Bean("recordYcMembershipDecision")
  public JavaDelegate recordMembershipDecision() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      String action = YcRules.text(execution, "shortfallAction");
      if (!List.of("exception", "rectify", "terminate").contains(action)) {
        violations.add(new RuleViolation("YCC-M1", "shortfallAction", "请选择申请例外、限期补充成员或终止建设",
            "Choose an exception, rectification or termination"));
      } else if (!"exception".equals(action)) {
        YcRules.required(execution, violations, "shortfallReason", "理由或整改要求", "The reason or requirement");
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      int count = ((Number) execution.getVariable("memberCount")).intValue();
      RuleExceptionMapping.request(execution, "exception".equals(action) ? List.of("YCC-M1") : List.of(), "shortfallReason");
      execution.setVariable("exceptionContext", "变更后成员单位" + count + "个");
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("ruleId", "YCC-M1");
      decision.put("action", action);
      decision.put("reason", YcRules.text(execution, "shortfallReason"));
      decision.put("memberCount", count);
      decision.put("decidedBy", YcRules.officer(identityService));
      decision.put("decidedAt", YcRules.now());
      YcRules.append(execution, "membershipDecisions", decision);
      if ("terminate".equals(action)) {
        execution.setVariable("consortiumTerminated", true);
        execution.setVariable("terminationReason", "YCC-M1 成员单位不足，终止建设：" + YcRules.text(execution, "shortfallReason"));
      }
    };
  }
}
