package org.policyflow.consortium.beijing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RecordBadCredit of bj-consortium (BJC-CR1, 004 §八3): a verified dishonest act becomes a
 * BAD_CREDIT record in the one credit registry that every programme's eligibility check consults
 * (e.g. the partner programme's TZP-E5). A suspected crime is recorded as a decision to transfer the
 * case to the judicial authorities, carried out in the next task.
 */
@Component("recordConsortiumBadCredit")
public class RecordBadCreditDelegate implements JavaDelegate {

  public static final String RULE = "BJC-CR1";
  private final CreditRegistry registry;
  private final IdentityService identityService;

  public RecordBadCreditDelegate(CreditRegistry registry, IdentityService identityService) {
    this.registry = registry;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    String code = ConsortiumChecks.text(execution, "dishonestUnitCreditCode");
    CreditCode.check("dishonestUnitCreditCode", code).ifPresent(violations::add);
    ConsortiumChecks.required(execution, violations, "dishonestUnitName", "失信单位名称", "The unit's name");
    ConsortiumChecks.required(execution, violations, "verificationSource", "核实依据（文书名称及文号）", "The decision document");
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    String officer = RuleExceptions.officer(identityService);
    String persons = ConsortiumChecks.text(execution, "dishonestPersons");
    String description = "创新联合体“" + ConsortiumChecks.text(execution, "consortiumName") + "”："
        + ConsortiumChecks.text(execution, "verificationDescription")
        + (persons.isEmpty() ? "" : "（相关人员：" + persons + "）");
    CreditRecord record = registry.record(new CreditRecord(code, ConsortiumChecks.text(execution, "dishonestUnitName"),
        CreditRecordType.BAD_CREDIT, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RecordSupportDecisionDelegate.CHINA),
        ConsortiumChecks.text(execution, "verificationSource"), description, RULE, officer, null));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("creditRecordInstanceId", record.processInstanceId());
    entry.put("creditCode", record.creditCode());
    entry.put("organisationName", record.organisationName());
    entry.put("recordDate", record.recordDate().toString());
    entry.put("recordedBy", officer);
    entry.put("suspectedCrime", VariableValues.isTrue(execution.getVariable("suspectedCrime")));
    MilestoneFundingDelegates.append(execution, "badCreditRecords", entry);
    execution.setVariable("suspectedCrime", VariableValues.isTrue(execution.getVariable("suspectedCrime")));
    if (VariableValues.isTrue(execution.getVariable("suspectedCrime"))) {
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("decision", "移交司法机关依法处理 / transfer to the judicial authorities");
      decision.put("decidedBy", officer);
      decision.put("decidedAt", ClockUtil.getCurrentTime().toInstant().toString());
      decision.put("creditCode", record.creditCode());
      execution.setVariable("judicialTransferDecision", decision);
    }
  }
}
