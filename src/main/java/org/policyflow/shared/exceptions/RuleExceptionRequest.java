package org.policyflow.shared.exceptions;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterRequest of rule-exception.bpmn: a request naming a hard condition (EXC-2), without a written
 * reason (EXC-3) or without a signed-in requester (EXC-1) is refused. It runs in the transaction of the
 * caller's step, so that step stays open with the person's entries; the refusal is kept in the caller's
 * history (the called instance is rolled back with it).
 */
@Component("ruleExceptionRequest")
public class RuleExceptionRequest implements JavaDelegate {

  private final RuleExceptions exceptions;

  public RuleExceptionRequest(RuleExceptions exceptions) {
    this.exceptions = exceptions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> rules = VariableValues.list(execution.getVariable("exceptionRules")).stream().map(String::valueOf).toList();
    String requester = RuleExceptions.text(execution.getVariable("exceptionRequester"));
    List<RuleViolation> violations = new ArrayList<>(exceptions.checkRequest(rules,
        RuleExceptions.text(execution.getVariable("exceptionRequestReason")),
        RuleExceptions.text(execution.getVariable("exceptionReasonField")), requester.isEmpty() ? null : requester));
    if (RuleExceptions.text(execution.getVariable("exceptionGrantingGroup")).isEmpty()) {
      violations.add(new RuleViolation(RuleExceptions.HARD_RULE, "exceptionRules", "本流程未配置例外审批部门，不能申请例外",
          "No granting office is configured for this process: no exception can be requested"));
    }
    if (violations.isEmpty()) {
      return;
    }
    PolicyRuleException refusal = new PolicyRuleException(violations);
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    throw caller == null ? refusal : refusal.in(caller.getProcessInstanceId(), caller.getCurrentActivityId());
  }
}
