package org.policyflow.consortium.beijing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecord.ResponsiblePerson;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.policyflow.shared.credit.PersonDocument;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RecordBadCredit of bj-consortium (BJC-CR1, 004 §八3): a verified dishonest act becomes a
 * BAD_CREDIT record in the one credit registry that the eligibility checks consult (the partner
 * programme's TZP-E5, the consortium's own BJC-I2), with the persons responsible as entries of their own. A suspected crime is recorded as a decision to transfer the
 * case to the judicial authorities, carried out in the next task.
 */
@Component("recordConsortiumBadCredit")
public class RecordBadCreditDelegate implements JavaDelegate {

  public static final String RULE = "BJC-CR1";
  static final String PERSONS = "responsiblePersons";
  // Bounded so that the registry's text of names stays well under the history's 4,000-character limit.
  private static final int MAX_PERSONS = 20;
  private static final int MAX_NAME = 50;
  private static final int MAX_ROLE = 50;
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
    List<ResponsiblePerson> persons = persons(execution, violations);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    String officer = RuleExceptions.officer(identityService);
    String description = "创新联合体“" + ConsortiumChecks.text(execution, "consortiumName") + "”："
        + ConsortiumChecks.text(execution, "verificationDescription");
    CreditRecord record = registry.record(new CreditRecord(code, ConsortiumChecks.text(execution, "dishonestUnitName"),
        CreditRecordType.BAD_CREDIT, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RecordSupportDecisionDelegate.CHINA),
        ConsortiumChecks.text(execution, "verificationSource"), description, RULE, officer, null, persons));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("creditRecordInstanceId", record.processInstanceId());
    entry.put("creditCode", record.creditCode());
    entry.put("organisationName", record.organisationName());
    entry.put("recordDate", record.recordDate().toString());
    entry.put("recordedBy", officer);
    entry.put("persons", persons.stream().map(ResponsiblePerson::name).toList());
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

  /**
   * "承担单位及相关人员存在失信行为的…作不良信用记录" (004 §八3): the persons go to the registry as entries of
   * their own — name, position and identity document — so a later check finds the person, not a namesake; a
   * row without them is refused rather than dropped.
   */
  private static List<ResponsiblePerson> persons(DelegateExecution execution, List<RuleViolation> violations) {
    List<ResponsiblePerson> persons = new ArrayList<>();
    List<Map<String, Object>> rows = VariableValues.rows(execution.getVariable(PERSONS));
    for (int i = 0; i < rows.size(); i++) {
      String name = VariableValues.text(rows.get(i).get("personName"));
      String role = VariableValues.text(rows.get(i).get("personRole"));
      String idType = VariableValues.text(rows.get(i).get("personIdType"));
      String idNumber = PersonDocument.normalise(VariableValues.text(rows.get(i).get("personIdNumber")));
      if (name.isEmpty() && role.isEmpty() && idNumber.isEmpty()) {
        continue;
      }
      if (name.isEmpty() || name.length() > MAX_NAME || name.contains("、") || role.length() > MAX_ROLE) {
        violations.add(new RuleViolation(RULE, PERSONS, "第" + (i + 1) + "名相关人员须填写姓名（不超过" + MAX_NAME
            + "字，不含“、”），职务不超过" + MAX_ROLE + "字", "Person " + (i + 1) + " needs a name of at most " + MAX_NAME
            + " characters and a position of at most " + MAX_ROLE));
        continue;
      }
      Optional<String[]> problem = PersonDocument.problem(idType, idNumber);
      if (problem.isPresent()) {
        violations.add(new RuleViolation(RULE, PERSONS, "第" + (i + 1) + "名相关人员（" + name + "）须填写证件类型和号码："
            + problem.get()[0], "Person " + (i + 1) + " needs an identity document: " + problem.get()[1]));
      } else {
        persons.add(new ResponsiblePerson(name, role, idType, idNumber));
      }
    }
    if (persons.size() > MAX_PERSONS) {
      violations.add(new RuleViolation(RULE, PERSONS, "相关人员不超过" + MAX_PERSONS + "名",
          "At most " + MAX_PERSONS + " persons"));
    }
    return persons;
  }
}
