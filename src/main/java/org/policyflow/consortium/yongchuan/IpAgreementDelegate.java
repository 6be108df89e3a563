package org.policyflow.consortium.yongchuan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * YCC-IP1 (002 §三(四) 通过合同约定、签订知识产权管理协议等方式，建立“共建共享”的知识产权管理制度): before the
 * launch, yc-stb records the consortium's signed IP management agreement. It binds the lead enterprise and every
 * member unit, is signed, and sets out both halves of 共建共享 — who owns what is created jointly (共建) and how the
 * members share and use it (共享). The signed copy itself is a required dossier document of the same task.
 */
@Component("recordYcIpAgreement")
public class IpAgreementDelegate implements JavaDelegate {

  static final String RULE = "YCC-IP1";
  static final String ACCESSION_RULE = "YCC-IP2";

  private final IdentityService identityService;

  public IpAgreementDelegate(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> parties = lines(YcRules.text(execution, "ipAgreementParties"));
    Set<String> required = new LinkedHashSet<>();
    required.add(YcRules.text(execution, "leadUnitName"));
    required.addAll(VariableValues.strings(execution.getVariable("memberOrganisations")));
    required.remove("");
    List<String> unsigned = required.stream().filter(unit -> !parties.contains(unit)).toList();

    List<RuleViolation> violations = new ArrayList<>();
    if (!unsigned.isEmpty()) {
      violations.add(new RuleViolation(RULE, "ipAgreementParties",
          "知识产权管理协议须由牵头企业和全部成员单位签订，尚缺：" + String.join("、", unsigned),
          "The IP management agreement must bind the lead and every member; missing: " + String.join(", ", unsigned)));
    }
    LocalDate signedOn = FormValues.date(execution, "ipAgreementSignedOn");
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    if (signedOn == null || signedOn.isAfter(today)) {
      violations.add(new RuleViolation(RULE, "ipAgreementSignedOn", "请填写协议签订日期（不得晚于今天）",
          "Enter the day the agreement was signed (not in the future)"));
    }
    if (YcRules.text(execution, "ipOwnershipTerms").isEmpty()) {
      violations.add(new RuleViolation(RULE, "ipOwnershipTerms", "请填写“共建”约定：联合攻关形成的知识产权归属",
          "State who owns the IP created jointly (共建)"));
    }
    if (YcRules.text(execution, "ipSharingTerms").isEmpty()) {
      violations.add(new RuleViolation(RULE, "ipSharingTerms", "请填写“共享”约定：成员单位之间知识产权的共享和许可使用方式",
          "State how the members share and use the IP (共享)"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Map<String, Object> agreement = new LinkedHashMap<>();
    agreement.put("ruleId", RULE);
    agreement.put("parties", parties);
    agreement.put("signedOn", signedOn.toString());
    agreement.put("ownershipTerms", YcRules.text(execution, "ipOwnershipTerms"));
    agreement.put("sharingTerms", YcRules.text(execution, "ipSharingTerms"));
    agreement.put("benefitTerms", YcRules.text(execution, "ipBenefitTerms"));
    agreement.put("recordedBy", YcRules.officer(identityService));
    agreement.put("recordedAt", YcRules.now());
    execution.setVariable("ipAgreement", agreement);
  }

  /**
   * YCC-IP2 (002 §三(二) 及时吸收调整联合体成员, §三(四) 签订知识产权管理协议): a unit that joins an operating
   * consortium is bound by the same 共建共享 agreement as the founding members, so the filing of its joining names
   * it among the units that signed the agreement (or an accession to it) and the day they signed. Returns the
   * accession to record, or null with the violations added.
   */
  static Map<String, Object> accession(DelegateExecution execution, List<String> joined, List<RuleViolation> violations) {
    List<String> signed = lines(YcRules.text(execution, "ipAccessionParties"));
    List<String> unsigned = joined.stream().filter(unit -> !signed.contains(unit)).toList();
    int before = violations.size();
    if (!unsigned.isEmpty()) {
      violations.add(new RuleViolation(ACCESSION_RULE, "ipAccessionParties",
          "新加入的成员单位须签署联合体知识产权管理协议后方可加入，尚未签署：" + String.join("、", unsigned),
          "A joining member must sign the consortium's IP management agreement first; not signed: " + String.join(", ", unsigned)));
    }
    LocalDate signedOn = FormValues.date(execution, "ipAccessionSignedOn");
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    if (signedOn == null || signedOn.isAfter(today)) {
      violations.add(new RuleViolation(ACCESSION_RULE, "ipAccessionSignedOn",
          "请填写新成员单位签署知识产权管理协议的日期（不得晚于今天）",
          "Enter the day the joining members signed the IP management agreement (not in the future)"));
    }
    if (violations.size() > before) {
      return null;
    }
    Map<String, Object> accession = new LinkedHashMap<>();
    accession.put("ruleId", ACCESSION_RULE);
    accession.put("units", joined);
    accession.put("signedOn", signedOn.toString());
    accession.put("recordedBy", YcRules.officer(execution.getProcessEngineServices().getIdentityService()));
    accession.put("recordedAt", YcRules.now());
    return accession;
  }

  /** The agreement of record now binds the joined units too; each accession is kept with it. */
  @SuppressWarnings("unchecked")
  static void join(DelegateExecution execution, Map<String, Object> accession) {
    Map<String, Object> agreement = new LinkedHashMap<>();
    Object current = execution.getVariable("ipAgreement");
    if (current instanceof Map<?, ?> map) {
      agreement.putAll((Map<String, Object>) map);
    }
    Set<String> parties = new LinkedHashSet<>(VariableValues.strings(agreement.get("parties")));
    parties.addAll(VariableValues.strings(accession.get("units")));
    agreement.put("parties", new ArrayList<>(parties));
    List<Object> accessions = new ArrayList<>(VariableValues.list(agreement.get("accessions")));
    accessions.add(accession);
    agreement.put("accessions", accessions);
    execution.setVariable("ipAgreement", agreement);
  }

  static List<String> lines(String text) {
    return text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }
}
