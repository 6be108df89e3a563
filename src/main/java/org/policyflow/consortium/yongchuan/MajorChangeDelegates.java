package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * YCC-O2 (重大事项变更需报区科技局备案, 002 §三(四)): a major change of an operating consortium is filed with
 * yc-stb; when members join or leave, the membership rules are checked again (YCC-M1, YCC-G1). A filing is a
 * fact and is accepted even when it leaves too few members; yc-stb then decides: a recorded exception,
 * rectification (the consortium recruits and files again) or termination.
 */
@Configuration
public class MajorChangeDelegates {

  static final List<String> CHANGE_TYPES = List.of("member-joined", "member-left", "other");
  private final YcMembership membership;
  private final YcConsortiumProperties properties;
  private final IdentityService identityService;

  public MajorChangeDelegates(YcMembership membership, YcConsortiumProperties properties, IdentityService identityService) {
    this.membership = membership;
    this.properties = properties;
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
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("ruleId", "YCC-O2");
      change.put("changeType", type);
      change.put("description", YcRules.text(execution, "changeDescription"));
      change.put("joined", result.memberNames().stream().filter(n -> !before.contains(n)).toList());
      change.put("left", before.stream().filter(n -> !result.memberNames().contains(n)).toList());
      change.put("memberCount", result.memberNames().size());
      change.put("filedBy", YcRules.officer(identityService));
      change.put("filedAt", YcRules.now());
      YcRules.append(execution, "majorChanges", change);
      execution.setVariable("memberOrganisations", result.memberNames());
      execution.setVariable("memberCount", result.memberNames().size());
      execution.setVariable("council", result.council());
      execution.setVariable("membershipSufficient", result.enoughMembers());
    };
  }

  @Bean("recordYcMembershipDecision")
  public JavaDelegate recordMembershipDecision() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      String action = YcRules.text(execution, "shortfallAction");
      Map<String, Object> exception = null;
      if ("exception".equals(action)) {
        execution.setVariable("shortfallException", true);
        int count = ((Number) execution.getVariable("memberCount")).intValue();
        exception = YcRules.exception(execution, identityService, properties.exceptionReasonMinLength(), violations,
            "YCC-M1", "shortfallAction", "shortfallException", "shortfallReason",
            "成员单位一般不少于" + properties.minimumMembers() + "个（变更后" + count + "个）",
            "At least " + properties.minimumMembers() + " member units are expected (" + count + " after the change)");
      } else if (!List.of("rectify", "terminate").contains(action)) {
        violations.add(new RuleViolation("YCC-M1", "shortfallAction", "请选择特批例外、限期补充成员或终止建设",
            "Choose an exception, rectification or termination"));
      } else {
        YcRules.required(execution, violations, "shortfallReason", "理由或整改要求", "The reason or requirement");
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      if (exception != null) {
        YcRules.append(execution, "ruleExceptions", exception);
      }
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("ruleId", "YCC-M1");
      decision.put("action", action);
      decision.put("reason", YcRules.text(execution, "shortfallReason"));
      decision.put("memberCount", execution.getVariable("memberCount"));
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
