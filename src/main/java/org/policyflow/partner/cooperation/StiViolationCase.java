package org.policyflow.partner.cooperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.identity.PersonNames;
import org.policyflow.shared.rules.MessageRuleException;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * 移交合作协议核实 (TZP-V1): a tz-sti officer opens a violation case (000 §六) from Tasklist instead of waiting
 * for the portal. The case goes to every running cooperation of that organisation as the same message the
 * portal sends, so it is verified, recorded and ends the agreement exactly as a portal report does; the
 * officer is named as reporter. Runs in the officer's start transaction: a refusal leaves no case behind.
 */
@Component("stiViolationCase")
public class StiViolationCase implements JavaDelegate {

  public static final String RULE = "TZP-V1";
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public StiViolationCase(RuntimeService runtimeService, IdentityService identityService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String rawCode = CooperationVariables.text(execution, "creditCode");
    CreditCode.check("creditCode", rawCode).ifPresent(v -> {
      throw new PolicyRuleException(v);
    });
    String creditCode = CreditCode.normalise(rawCode);
    List<ProcessInstance> cooperations = system.call(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(ViolationReportController.PROCESS_KEY).variableValueEquals("creditCode", creditCode)
        .active().list());
    String officer = identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("violationType", execution.getVariable("violationType"));
    report.put("violationDescription", execution.getVariable("violationDescription"));
    report.put("reporterName", reporter(officer, CooperationVariables.text(execution, "clueSource")));
    report.put("violationSubmittedBy", officer);
    report.put("violationCaseInstanceId", execution.getProcessInstanceId());
    List<String> reached = new ArrayList<>();
    for (ProcessInstance cooperation : cooperations) {
      try {
        system.run(() -> runtimeService.createMessageCorrelation(ViolationReportController.MESSAGE)
            .processInstanceId(cooperation.getId()).setVariablesToTriggeredScope(report).correlateWithResult());
        reached.add(cooperation.getId());
      } catch (MessageRuleException e) {
        throw new PolicyRuleException(e.violation());
      } catch (MismatchingMessageCorrelationException e) {
        // Agreement not yet signed: there is no cooperation period to end yet.
      }
    }
    if (reached.isEmpty()) {
      throw new PolicyRuleException(new RuleViolation(RULE, "creditCode",
          "统一社会信用代码 " + creditCode + " 没有处于合作期内的创新伙伴合作协议（协议未签署、已期满或已终止的不能立案）。",
          "No partner cooperation in its cooperation period has credit code " + creditCode
              + " (agreements not yet signed, expired or terminated cannot be reported on)."));
    }
    execution.setVariable("creditCode", creditCode);
    execution.setVariable("cooperationInstanceIds", reached);
    execution.setVariable("organisationName", system.call(() -> runtimeService.getVariable(reached.get(0), "organisationName")));
    execution.setVariable("reportedBy", officer);
    execution.setProcessBusinessKey(creditCode);
  }

  private String reporter(String officer, String clueSource) {
    String name = officer == null ? null : system.call(() -> {
      User user = identityService.createUserQuery().userId(officer).singleResult();
      return user == null ? officer : PersonNames.displayName(user);
    });
    String office = "通州区科学技术委员会" + (name == null ? "" : "（" + name + "）");
    return clueSource == null || clueSource.isEmpty() ? office : office + "；线索来源：" + clueSource;
  }
}
