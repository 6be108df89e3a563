package org.policyflow.consortium.beijing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.exceptions.RuleExceptionMapping;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_CheckLeadUnit of bj-consortium (遴选牵头单位, 004 §六1, §四(一)): the field (BJC-D1: the configured
 * priority fields or another one the officer names, flagged for attention — the seed's list ends in "等"),
 * a formation mode from configuration (BJC-D2); the direction argued for necessity, urgency and feasibility; BJC-L1 registered
 * in Beijing (原则上: the officer may ask for an exception, which another bj-sti officer decides in
 * rule-exception.bpmn); BJC-L2 R&D strength and BJC-L3 resource integration are the
 * officer's recorded judgement and decide whether the lead unit enters the proposed support list.
 * BJC-I2 (004 §八3): a lead unit with a bad-credit or serious-dishonesty record in the credit registry is
 * not selected, whatever the judgement, and the record it rests on is cited; so is one whose named persons
 * (BJC-CR2) have such a record.
 */
@Component("checkLeadUnit")
public class CheckLeadUnitDelegate implements JavaDelegate {

  static final String MEETS = "meets";
  static final String OTHER_FIELD = "other";
  /** 004 §三1 "聚焦…等本市高精尖产业领域": the listed fields are the priority, not the limit. */
  static final String FIELD_RULE = "BJC-D1";
  /** 004 §五 组建方式. */
  static final String MODE_RULE = "BJC-D2";
  static final String LEAD_PERSONS = "leadPersons";
  private final BjConsortiumProperties properties;
  private final IdentityService identityService;
  private final ConsortiumIntegrity integrity;

  public CheckLeadUnitDelegate(BjConsortiumProperties properties, IdentityService identityService,
      ConsortiumIntegrity integrity) {
    this.properties = properties;
    this.identityService = identityService;
    this.integrity = integrity;
  }

  /** The chosen field, or the officer's own entry when "other" was chosen. */
  private static String field(DelegateExecution execution) {
    String chosen = ConsortiumChecks.text(execution, "field");
    return OTHER_FIELD.equals(chosen) ? ConsortiumChecks.text(execution, "otherField") : chosen;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    String field = field(execution);
    if (field.isEmpty()) {
      violations.add(new RuleViolation(FIELD_RULE, "field",
          "请选择所属产业领域；所列以外的高精尖产业领域请选“其他”并注明领域名称",
          "Choose the field; for a field not listed choose 'other' and name it"));
    }
    // 004 §五 ends its modes with "以及基金等其他适用的方式等": the configured list carries that as its own
    // "其他" entry, so every mode the seed allows is among the options.
    if (!properties.formationModes().contains(ConsortiumChecks.text(execution, "formationMode"))) {
      violations.add(new RuleViolation(MODE_RULE, "formationMode",
          "组建方式须为：" + String.join("、", properties.formationModes()), "Choose one of the formation modes"));
    }
    ConsortiumChecks.required(execution, violations, "directionNecessity", "技术需求的必要性论证", "The argument for necessity");
    ConsortiumChecks.required(execution, violations, "directionUrgency", "技术需求的紧迫性论证", "The argument for urgency");
    ConsortiumChecks.required(execution, violations, "directionFeasibility", "技术需求的可实施性论证", "The argument for feasibility");
    List<String> requested = new ArrayList<>();
    ConsortiumChecks.principle(execution, violations, requested,
        VariableValues.isTrue(execution.getVariable("leadRegisteredInBeijing")), "BJC-L1", "leadRegisteredInBeijing",
        "leadL1Exception", "牵头单位原则上应为注册在北京的领军企业或领衔机构", "The lead unit should be registered in Beijing");
    String rd = ConsortiumChecks.text(execution, "leadRdCapability");
    String integration = ConsortiumChecks.text(execution, "leadIntegrationCapability");
    if (rd.isEmpty()) {
      violations.add(new RuleViolation("BJC-L2", "leadRdCapability", "请判断牵头单位科研研发实力及研发队伍稳定性",
          "Judge the lead unit's R&D strength and team stability"));
    }
    if (integration.isEmpty()) {
      violations.add(new RuleViolation("BJC-L3", "leadIntegrationCapability", "请判断牵头单位资源整合能力",
          "Judge the lead unit's resource-integration ability"));
    }
    List<Map<String, Object>> persons = persons(execution, violations);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    RuleExceptionMapping.request(execution, requested, "leadL1ExceptionReason");
    Map<String, Object> judgement = new LinkedHashMap<>();
    judgement.put("BJC-L2", rd);
    judgement.put("BJC-L2-comment", ConsortiumChecks.text(execution, "leadRdComment"));
    judgement.put("BJC-L3", integration);
    judgement.put("BJC-L3-comment", ConsortiumChecks.text(execution, "leadIntegrationComment"));
    judgement.put("judgedBy", RuleExceptions.officer(identityService));
    Optional<CreditRecord> adverse = integrity.adverseRecord(ConsortiumChecks.text(execution, "leadUnitCreditCode"));
    adverse.ifPresent(record -> {
      String zh = "[" + ConsortiumIntegrity.RULE + "] 牵头单位近" + integrity.lookbackYears() + "年在信用登记簿中有"
          + record.citation() + "，不符合诚信相关要求，不列入拟支持名单";
      judgement.put(ConsortiumIntegrity.RULE, zh);
      judgement.put(ConsortiumIntegrity.RULE + "-record", record.processInstanceId());
      execution.setVariable("leadNotSelectedReason", zh + " / The lead unit has a bad-credit record within "
          + integrity.lookbackYears() + " years (credit registry): it does not meet the integrity requirement");
    });
    Optional<String> personRecord = Optional.empty();
    for (Map<String, Object> person : persons) {
      String idType = VariableValues.text(person.get("personIdType"));
      String idNumber = VariableValues.text(person.get("personIdNumber"));
      Optional<CreditRecord> found = integrity.adverseRecordOfPerson(idType, idNumber);
      if (found.isPresent() && personRecord.isEmpty()) {
        personRecord = Optional.of(integrity.describePersonRecord(VariableValues.text(person.get("personName")),
            VariableValues.text(person.get("personRole")), idType, idNumber, found.get()));
        judgement.put(ConsortiumIntegrity.PERSON_RULE + "-record", found.get().processInstanceId());
      }
    }
    personRecord.ifPresent(described -> {
      String zh = "[" + ConsortiumIntegrity.PERSON_RULE + "] 牵头单位相关人员" + described + "，不符合诚信相关要求，不列入拟支持名单";
      judgement.put(ConsortiumIntegrity.PERSON_RULE, zh);
      // The unit's own record (BJC-I2), when there is one, stays the first reason given.
      if (adverse.isEmpty()) {
        execution.setVariable("leadNotSelectedReason", zh + " / A person named for the lead unit has a bad-credit record "
            + "within " + integrity.lookbackYears() + " years (credit registry): the integrity requirement is not met");
      }
    });
    boolean listed = properties.priorityFields().contains(field);
    execution.setVariable("field", field);
    execution.setVariable("priorityField", listed);
    // Accepted, not refused: the officer sees that the field is not one of those the guideline names.
    execution.setVariable("fieldAttention", listed ? null : "[" + FIELD_RULE + "] 所属领域“" + field
        + "”不在所列重点领域（" + String.join("、", properties.priorityFields())
        + "）之中；指引所列以“等”结尾，不排除其他高精尖产业领域，请在遴选意见中说明其属于本市高精尖产业领域的理由");
    execution.setVariable("leadJudgement", judgement);
    execution.setVariable("leadSelected", adverse.isEmpty() && personRecord.isEmpty() && MEETS.equals(rd)
        && MEETS.equals(integration));
  }

  /**
   * BJC-CR2: the persons the application names for the lead unit (法定代表人, 项目负责人…), each with an identity
   * document so the registry finds the person and not a namesake; at least one.
   */
  private static List<Map<String, Object>> persons(DelegateExecution execution, List<RuleViolation> violations) {
    List<Map<String, Object>> rows = VariableValues.rows(execution.getVariable(LEAD_PERSONS));
    if (rows.isEmpty()) {
      violations.add(new RuleViolation(ConsortiumIntegrity.PERSON_RULE, LEAD_PERSONS,
          "请填写牵头单位的相关人员（法定代表人、项目负责人等）及其证件，以便核查信用登记簿",
          "Name the lead unit's responsible persons (legal representative, project leader…) with their identity documents"));
    }
    for (int i = 0; i < rows.size(); i++) {
      int row = i + 1;
      ConsortiumIntegrity.personProblem(VariableValues.text(rows.get(i).get("personName")),
          VariableValues.text(rows.get(i).get("personIdType")), VariableValues.text(rows.get(i).get("personIdNumber")))
          .ifPresent(p -> violations.add(new RuleViolation(ConsortiumIntegrity.PERSON_RULE, LEAD_PERSONS,
              "牵头单位第" + row + "名相关人员" + p[0], "Lead unit person " + row + " " + p[1])));
    }
    return rows;
  }
}
