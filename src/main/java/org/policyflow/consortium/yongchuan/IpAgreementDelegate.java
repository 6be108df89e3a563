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

  private static List<String> lines(String text) {
    return text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }
}
