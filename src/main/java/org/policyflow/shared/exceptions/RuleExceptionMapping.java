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
import org.policyflow.shared.identity.PersonNames;
import org.springframework.stereotype.Component;

/**
 * The contract between a programme and rule-exception.bpmn, one for every caller. In: the case sets
 * {@code exceptionRules} (the failed rule IDs) and {@code exceptionRequestReason}; the requester is whoever
 * is signed in when the call starts (the person completing the request step, never a form value; its id is
 * compared and kept, its 姓名 shown to the granter), and the
 * granting office comes from configuration by the caller's process key. {@link RuleExceptionRequest}
 * checks the request in the requester's own transaction.
 * Out: {@code exceptionGranted} and the decision's reason, and the full record appended to the case's
 * {@code ruleExceptions} (its history keeps every version).
 */
@Component("ruleExceptionMapping")
public class RuleExceptionMapping implements DelegateVariableMapping {

  public static final String RECORDS = "ruleExceptions";
  private final RuleExceptions exceptions;
  private final IdentityService identityService;
  private final PersonNames names;

  public RuleExceptionMapping(RuleExceptions exceptions, IdentityService identityService, PersonNames names) {
    this.exceptions = exceptions;
    this.identityService = identityService;
    this.names = names;
  }

  @Override
  public void mapInputVariables(DelegateExecution caller, VariableMap called) {
    List<String> rules = VariableValues.list(caller.getVariable("exceptionRules")).stream().map(String::valueOf).toList();
    Authentication current = identityService.getCurrentAuthentication();
    String processKey = caller.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(caller.getProcessDefinitionId()).getKey();
    called.putValue("exceptionRules", new ArrayList<>(rules));
    called.putValue("exceptionRulesText", exceptions.describe(rules));
    called.putValue("exceptionRequestReason", RuleExceptions.text(caller.getVariable("exceptionRequestReason")));
    called.putValue("exceptionReasonField", caller.hasVariable("exceptionReasonField")
        ? RuleExceptions.text(caller.getVariable("exceptionReasonField")) : "exceptionRequestReason");
    called.putValue("exceptionRequester", current == null ? null : current.getUserId());
    // The granter reads who asked by name; the id stays the requester of record (four-eyes compares ids).
    called.putValue("exceptionRequesterName", current == null ? null : names.displayName(current.getUserId()));
    called.putValue("exceptionRequestedAt", RuleExceptions.now());
    called.putValue("exceptionGrantingGroup", exceptions.grantingGroup(processKey));
    called.putValue("exceptionSubject", subject(caller));
    called.putValue("exceptionContext", RuleExceptions.text(caller.getVariable("exceptionContext")));
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

  /**
   * For a check that lets the officer ask for an exception in the same form: what the gateway before the
   * call and the call itself read — whether an exception is asked for, for which rules, the reason and the
   * field it was written in. A decision on an earlier request does not carry over to this one.
   */
  public static void request(DelegateExecution caller, List<String> rules, String reasonField) {
    caller.setVariable("exceptionRequested", !rules.isEmpty());
    caller.setVariable("exceptionRules", new ArrayList<>(rules));
    caller.setVariable("exceptionRequestReason", RuleExceptions.text(caller.getVariable(reasonField)));
    caller.setVariable("exceptionReasonField", reasonField);
    caller.removeVariable("exceptionGranted");
    caller.removeVariable("exceptionDecisionReason");
  }

  /**
   * What the granter's task is named after: the case's title as the caller knows it, and the occasion when one
   * case can ask more than once ({@code exceptionContext}, e.g. which quarter's exchange was missed).
   */
  private static String subject(DelegateExecution caller) {
    String context = RuleExceptions.text(caller.getVariable("exceptionContext"));
    String title = RuleExceptions.text(caller.getBusinessKey());
    for (String name : List.of("organisationName", "consortiumName", "leadUnitName", "consortiumTopic")) {
      String value = RuleExceptions.text(caller.getVariable(name));
      if (!value.isEmpty()) {
        title = value;
        break;
      }
    }
    return context.isEmpty() ? title : title + "（" + context + "）";
  }
}
