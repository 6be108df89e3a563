package org.policyflow.shared.exceptions;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.VariableMap;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * The contract between a programme and rule-exception.bpmn, one for every caller. In: the case sets
 * {@code exceptionRules} (the failed rule IDs) and {@code exceptionRequestReason}; the requester is whoever
 * is signed in when the call starts (the person completing the request step, never a form value), and the
 * granting office comes from configuration by the caller's process key. A request naming a hard condition
 * or without a reason is refused here, in the requester's own transaction, so their step stays open.
 * Out: {@code exceptionGranted} and the decision's reason, and the full record appended to the case's
 * {@code ruleExceptions} (its history keeps every version).
 */
@Component("ruleExceptionMapping")
public class RuleExceptionMapping implements DelegateVariableMapping {

  public static final String RECORDS = "ruleExceptions";
  private final RuleExceptions exceptions;
  private final IdentityService identityService;

  public RuleExceptionMapping(RuleExceptions exceptions, IdentityService identityService) {
    this.exceptions = exceptions;
    this.identityService = identityService;
  }

  @Override
  public void mapInputVariables(DelegateExecution caller, VariableMap called) {
    List<String> rules = VariableValues.list(caller.getVariable("exceptionRules")).stream().map(String::valueOf).toList();
    String reason = RuleExceptions.text(caller.getVariable("exceptionRequestReason"));
    Authentication current = identityService.getCurrentAuthentication();
    String requester = current == null ? null : current.getUserId();
    List<RuleViolation> violations = new ArrayList<>(exceptions.checkRequest(rules, reason, requester));
    String processKey = caller.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(caller.getProcessDefinitionId()).getKey();
    String grantingGroup = exceptions.grantingGroup(processKey);
    if (grantingGroup == null) {
      violations.add(new RuleViolation(RuleExceptions.HARD_RULE, "exceptionRules", "本流程未配置例外审批部门，不能申请例外",
          "No granting office is configured for " + processKey + ": no exception can be requested"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    called.putValue("exceptionRules", new ArrayList<>(rules));
    called.putValue("exceptionRulesText", exceptions.describe(rules));
    called.putValue("exceptionRequestReason", reason);
    called.putValue("exceptionRequester", requester);
    called.putValue("exceptionRequestedAt", RuleExceptions.now());
    called.putValue("exceptionGrantingGroup", grantingGroup);
    called.putValue("exceptionSubject", subject(caller));
  }

  @Override
  public void mapOutputVariables(DelegateExecution caller, VariableScope called) {
    caller.setVariable("exceptionGranted", VariableValues.isTrue(called.getVariable("exceptionGranted")));
    caller.setVariable("exceptionDecisionReason", called.getVariable("exceptionDecisionReason"));
    DelegateExecution instance = caller.getProcessInstance();
    List<Object> records = new ArrayList<>(VariableValues.list(instance.getVariable(RECORDS)));
    records.add(called.getVariable("exceptionRecord"));
    instance.setVariable(RECORDS, records);
  }

  /** What the granter's task is named after: the case's title as the caller knows it. */
  private static String subject(DelegateExecution caller) {
    for (String name : List.of("organisationName", "consortiumName", "leadUnitName", "consortiumTopic")) {
      String value = RuleExceptions.text(caller.getVariable(name));
      if (!value.isEmpty()) {
        return value;
      }
    }
    return RuleExceptions.text(caller.getBusinessKey());
  }
}
