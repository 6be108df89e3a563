package org.policyflow.partner.district;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * 受理诉求 (DST-S1, 000 §七(一) 管家式服务): a request is taken from a partner whose cooperation runs, filed
 * by the partner's own account; the partner's organisation, code and locality come from that cooperation,
 * not from the form, so nobody files in another organisation's name. Runs in the start transaction.
 */
@Component("serviceRequestIntake")
public class ServiceRequestIntake implements JavaDelegate {

  static final String RULE = "DST-S1";
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public ServiceRequestIntake(RuntimeService runtimeService, IdentityService identityService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String partner = DistrictVariables.currentUser(identityService);
    List<ProcessInstance> cooperations = partner == null ? List.of() : system.call(() -> runtimeService
        .createProcessInstanceQuery().processDefinitionKey("partner-cooperation").variableValueEquals("applicant", partner)
        .active().list());
    if (cooperations.isEmpty()) {
      throw new PolicyRuleException(new RuleViolation(RULE, "partner",
          "只有合作期内的创新伙伴可以提出诉求：当前账号没有正在履行的创新伙伴合作协议。",
          "Only an innovation partner with a running cooperation may file a request; this account has none."));
    }
    ProcessInstance cooperation = cooperations.get(0);
    for (String name : List.of("organisationName", "creditCode", "localityGroup")) {
      execution.setVariable(name, system.call(() -> runtimeService.getVariable(cooperation.getId(), name)));
    }
    execution.setVariable("applicant", partner);
    execution.setVariable("cooperationInstanceId", cooperation.getId());
    execution.setVariable("requestSubmittedAt", ClockUtil.getCurrentTime());
    execution.setVariable("followUpRound", 0);
    execution.setVariable("requestStatus", "open");
    execution.setProcessBusinessKey(cooperation.getBusinessKey());
  }
}
