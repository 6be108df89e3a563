package org.policyflow.shared.exceptions;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.identity.PersonNames;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * rule-exception.bpmn's decision. As the end listener of Task_DecideException it refuses (400, the task
 * stays open) a decision by the requester or by someone outside the granting office (EXC-1) or without a
 * reason (EXC-3); as the delegate of Task_RecordDecision it writes the record the caller keeps.
 */
@Component("ruleExceptionDecision")
public class RuleExceptionDecision implements ExecutionListener, JavaDelegate {

  private final RuleExceptions exceptions;
  private final IdentityService identityService;
  private final PersonNames names;

  public RuleExceptionDecision(RuleExceptions exceptions, IdentityService identityService, PersonNames names) {
    this.exceptions = exceptions;
    this.identityService = identityService;
    this.names = names;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication current = identityService.getCurrentAuthentication();
    List<RuleViolation> violations = exceptions.checkDecision(
        RuleExceptions.text(execution.getVariable("exceptionRequester")),
        current == null ? null : current.getUserId(),
        current == null ? null : current.getGroupIds(),
        RuleExceptions.text(execution.getVariable("exceptionGrantingGroup")),
        RuleExceptions.text(execution.getVariable("exceptionDecision")),
        RuleExceptions.text(execution.getVariable("exceptionDecisionReason")));
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    execution.setVariable("exceptionDecidedBy", current.getUserId());
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decision = RuleExceptions.text(execution.getVariable("exceptionDecision"));
    List<String> rules = VariableValues.list(execution.getVariable("exceptionRules")).stream().map(String::valueOf).toList();
    execution.setVariable("exceptionGranted", RuleExceptions.GRANT.equals(decision));
    String requester = RuleExceptions.text(execution.getVariable("exceptionRequester"));
    String decider = RuleExceptions.text(execution.getVariable("exceptionDecidedBy"));
    Map<String, Object> record = exceptions.record(rules, requester,
        RuleExceptions.text(execution.getVariable("exceptionRequestedAt")),
        RuleExceptions.text(execution.getVariable("exceptionRequestReason")), decider, decision,
        RuleExceptions.text(execution.getVariable("exceptionDecisionReason")), execution.getProcessInstanceId());
    // Ids for the four-eyes proof, names for the reader of the case file.
    record.put("requestedByName", names.displayName(requester));
    record.put("decidedByName", names.displayName(decider));
    String context = RuleExceptions.text(execution.getVariable("exceptionContext"));
    if (!context.isEmpty()) {
      record.put("context", context);
    }
    execution.setVariable("exceptionRecord", record);
  }
}
