package org.policyflow.consortium.beijing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.exceptions.RuleExceptionMapping;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_CheckMembers of bj-consortium (确定成员单位, 004 §三2, §四(二)): BJC-M1 at least one upstream or
 * downstream enterprise and BJC-M2 at least one research institute or university, both 原则上 (the officer may
 * ask for an exception, which another bj-sti officer decides in rule-exception.bpmn). BJC-M3: members are not restricted by region, so the
 * region is recorded and never checked. BJC-I2 (004 §八3): a member whose credit code the registry holds a
 * bad-credit or serious-dishonesty record for is refused; a member without a code (e.g. a foreign team, which
 * has none) cannot be looked up and is listed in {@code membersNotInRegistry} for the officer's attention.
 * BJC-CR2: every member's 负责人 is looked up in the registry by identity document.
 */
@Component("checkConsortiumMembers")
public class CheckMembersDelegate implements JavaDelegate {

  static final String ENTERPRISE = "enterprise";
  static final List<String> RESEARCH = List.of("research-institute", "university");
  private final ConsortiumIntegrity integrity;

  public CheckMembersDelegate(ConsortiumIntegrity integrity) {
    this.integrity = integrity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> members = VariableValues.rows(execution.getVariable("members"));
    List<RuleViolation> violations = new ArrayList<>();
    String lead = ConsortiumChecks.text(execution, "leadUnitName");
    List<String> names = new ArrayList<>();
    List<String> notInRegistry = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      integrityOf(members.get(i), i, violations, notInRegistry);
      String name = VariableValues.text(members.get(i).get("memberName"));
      if (name.isEmpty() || VariableValues.text(members.get(i).get("memberType")).isEmpty()) {
        violations.add(new RuleViolation(ConsortiumChecks.FORM_RULE, "members",
            "第" + (i + 1) + "个成员单位缺少名称或类型", "Member " + (i + 1) + " has no name or type"));
      } else if (name.equals(lead) || names.contains(name)) {
        violations.add(new RuleViolation(ConsortiumChecks.FORM_RULE, "members",
            "成员单位“" + name + "”重复或与牵头单位相同", "Member '" + name + "' is listed twice or is the lead unit"));
      } else {
        names.add(name);
      }
    }
    long enterprises = members.stream().filter(m -> ENTERPRISE.equals(m.get("memberType"))).count();
    long research = members.stream().filter(m -> RESEARCH.contains(String.valueOf(m.get("memberType")))).count();
    List<String> requested = new ArrayList<>();
    ConsortiumChecks.principle(execution, violations, requested, enterprises >= 1, "BJC-M1", "members",
        "memberException", "创新联合体联动产业链上下游企业原则上不少于1家", "At least one upstream or downstream enterprise is expected");
    ConsortiumChecks.principle(execution, violations, requested, research >= 1, "BJC-M2", "members",
        "memberException", "联合相关领域核心科研机构、高校原则上不少于1家", "At least one core research institute or university is expected");
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    RuleExceptionMapping.request(execution, requested, "memberExceptionReason");
    execution.setVariable("memberOrganisations", names);
    execution.setVariable("membersNotInRegistry", notInRegistry);
    // EXP-2 matches experts by credit code before names: the lead's and every member's code that is known.
    List<String> codes = new ArrayList<>();
    codes.add(CreditCode.normalise(ConsortiumChecks.text(execution, "leadUnitCreditCode")));
    members.forEach(m -> codes.add(CreditCode.normalise(VariableValues.text(m.get("memberCreditCode")))));
    codes.removeIf(String::isEmpty);
    execution.setVariable("organisationCreditCodes", codes);
    execution.setVariable("memberCount", names.size());
  }

  private void integrityOf(Map<String, Object> member, int index, List<RuleViolation> violations,
      List<String> notInRegistry) {
    String name = VariableValues.text(member.get("memberName"));
    String code = VariableValues.text(member.get("memberCreditCode"));
    if (code.isEmpty()) {
      notInRegistry.add(name);
    } else {
      unitIntegrity(name, code, index, violations);
    }
    personIntegrity(member, name, index, violations);
  }

  /**
   * BJC-CR2: each member names its 负责人 with an identity document; a person the registry holds an adverse record
   * for within the period refuses the member as it stands (the officer replaces the person or the member).
   */
  private void personIntegrity(Map<String, Object> member, String name, int index, List<RuleViolation> violations) {
    String person = VariableValues.text(member.get("memberPersonName"));
    String role = VariableValues.text(member.get("memberPersonRole"));
    String idType = VariableValues.text(member.get("memberPersonIdType"));
    String idNumber = VariableValues.text(member.get("memberPersonIdNumber"));
    Optional<String[]> problem = ConsortiumIntegrity.personProblem(person, idType, idNumber);
    if (problem.isPresent()) {
      violations.add(new RuleViolation(ConsortiumIntegrity.PERSON_RULE, "members", "第" + (index + 1) + "个成员单位的负责人"
          + problem.get()[0] + "，以便核查信用登记簿", "The responsible person of member " + (index + 1) + " " + problem.get()[1]));
      return;
    }
    integrity.adverseRecordOfPerson(idType, idNumber).ifPresent(record -> violations.add(new RuleViolation(
        ConsortiumIntegrity.PERSON_RULE, "members", "成员单位“" + name + "”的负责人"
            + integrity.describePersonRecord(person, role, idType, idNumber, record) + "，不符合诚信相关要求，请更换负责人或成员单位",
        "The responsible person of member '" + name + "' has a bad-credit record within " + integrity.lookbackYears()
            + " years (credit registry): the integrity requirement is not met")));
  }

  private void unitIntegrity(String name, String code, int index, List<RuleViolation> violations) {
    Optional<RuleViolation> invalid = CreditCode.check("members", code);
    if (invalid.isPresent()) {
      violations.add(new RuleViolation(invalid.get().ruleId(), "members",
          "第" + (index + 1) + "个成员单位：" + invalid.get().reasonZh(), "Member " + (index + 1) + ": " + invalid.get().reasonEn()));
      return;
    }
    integrity.adverseRecord(code).ifPresent(record -> violations.add(new RuleViolation(ConsortiumIntegrity.RULE, "members",
        "成员单位“" + name + "”近" + integrity.lookbackYears() + "年在信用登记簿中有" + record.citation()
            + "，不符合诚信相关要求，不能作为成员单位",
        "Member '" + name + "' has a bad-credit record within " + integrity.lookbackYears()
            + " years (credit registry): it does not meet the integrity requirement")));
  }
}
