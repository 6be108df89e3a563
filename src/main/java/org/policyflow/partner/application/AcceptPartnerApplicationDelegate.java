package org.policyflow.partner.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.partner.call.PartnerCalls;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.engine.VariableWrites;
import org.policyflow.shared.identity.IdentityProperties;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Accepts an application into a call (000 §五1–2) or refuses it before anything is created: a valid
 * unified social credit code, an open call (TZP-S1: not after its deadline), the applicant's locality,
 * and one application per organisation per call (TZP-S2).
 */
@Component("acceptPartnerApplication")
public class AcceptPartnerApplicationDelegate implements JavaDelegate {

  private final PartnerCalls calls;
  private final IdentityProperties identity;
  private final HistoryService historyService;
  private final SystemAccess system;

  public AcceptPartnerApplicationDelegate(PartnerCalls calls, IdentityProperties identity, HistoryService historyService,
      SystemAccess system) {
    this.calls = calls;
    this.identity = identity;
    this.historyService = historyService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    CreditCode.check("creditCode", FormValues.text(execution, "creditCode")).ifPresent(violations::add);
    String creditCode = CreditCode.normalise(FormValues.text(execution, "creditCode"));
    if (FormValues.isBlank(execution, "organisationName")) {
      violations.add(new RuleViolation("TZP-S1", "organisationName", "请填写单位名称", "Enter the organisation's name"));
    }
    String localityGroup = FormValues.text(execution, "localityGroup");
    Optional<IdentityProperties.Locality> locality = identity.localities().stream()
        .filter(l -> l.id().equals(localityGroup)).findFirst();
    if (locality.isEmpty()) {
      violations.add(new RuleViolation("TZP-S1", "localityGroup", "请选择所在属地", "Choose the applicant's locality"));
    }
    String callId = FormValues.text(execution, "callId");
    Optional<ProcessInstance> call = callId == null ? Optional.empty() : calls.findRunning(callId);
    PartnerCalls.Deadlines deadlines = call.map(c -> calls.deadlines(c.getId())).orElse(null);
    if (call.isEmpty()) {
      violations.add(new RuleViolation("TZP-S1", "callId", "没有编号为“" + callId + "”的正在征集的创新伙伴征集批次",
          "There is no open partner call with id '" + callId + "'"));
    } else {
      if (!ClockUtil.getCurrentTime().before(deadlines.applicationClosesAt())) {
        violations.add(new RuleViolation("TZP-S1", "callId", "本轮征集已于申报截止日结束，不再受理申报",
            "The call's application deadline has passed: applications are no longer accepted"));
      } else if (violations.isEmpty() && alreadyApplied(callId, call.get().getId(), creditCode,
          execution.getProcessInstanceId())) {
        violations.add(new RuleViolation("TZP-S2", "creditCode", "该单位已在本轮征集中提交过申报，不能重复申报",
            "This organisation has already applied in this call: one application per organisation and call"));
      }
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    // Usually submitted as they are kept (a portal gives the call's instance): rewriting an equal value
    // would only add updates and history rows to every application.
    VariableWrites.setIfChanged(execution, "creditCode", creditCode);
    VariableWrites.setIfChanged(execution, "callInstanceId", call.get().getId());
    execution.setVariable("localityName", locality.get().name());
    // The materials task ends at this instant, the one TZP-S1 refuses new applications from.
    execution.setVariable("applicationClosesAt", deadlines.applicationClosesAt());
    execution.setVariable("recommendationClosesAt", deadlines.recommendationClosesAt());
    execution.setProcessBusinessKey(callId + ":" + creditCode);
  }

  /**
   * TZP-S2 through the business key {@code callId:creditCode} that every accepted application carries:
   * an indexed lookup whose cost does not grow with the number of applications (a query by the two
   * variables scanned every application's {@code callInstanceId} in history). A call id can come back
   * once its round has ended, so the few instances found are narrowed to this call's instance.
   */
  private boolean alreadyApplied(String callId, String callInstanceId, String creditCode, String ownInstanceId) {
    return system.call(() -> {
      String[] sameKey = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PartnerApplications.PROCESS_KEY)
          .processInstanceBusinessKey(callId + ":" + creditCode)
          .list().stream().map(p -> p.getId()).filter(id -> !id.equals(ownInstanceId)).toArray(String[]::new);
      return sameKey.length > 0 && historyService.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(sameKey)
          .variableName("callInstanceId")
          .list().stream().anyMatch(v -> callInstanceId.equals(v.getValue()));
    });
  }
}
