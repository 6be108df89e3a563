package org.policyflow.partner.cooperation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.springframework.stereotype.Component;

/**
 * 记入信用记录 (TZP-V2): a verified serious dishonesty or major accident of a partner becomes a record of
 * the one credit registry, in the transaction of the verifier's finding, so the same organisation's next
 * application fails TZP-E5/TZP-E6. The record cites the cooperation and the verifier's finding; the
 * verifier is the one who records it.
 */
@Component("violationCreditRecord")
public class ViolationCreditRecord implements JavaDelegate {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private final CreditRegistry registry;
  private final IdentityService identityService;

  public ViolationCreditRecord(CreditRegistry registry, IdentityService identityService) {
    this.registry = registry;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CreditRecordType type = CreditRecordType.of(CooperationVariables.text(execution, "creditRecordType"))
        .orElseThrow(() -> new IllegalStateException("记入信用记录 reached without a record type"));
    String verifier = identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId();
    String source = "通州区科学技术委员会核实结论（创新伙伴合作 " + execution.getProcessBusinessKey() + "，"
        + CooperationVariables.text(execution, "violationTypeLabel") + "）";
    String description = CooperationVariables.text(execution, "violationDescription") + " 核实意见："
        + CooperationVariables.text(execution, "violationFinding");
    CreditRecord record = registry.record(new CreditRecord(CooperationVariables.text(execution, "creditCode"),
        CooperationVariables.text(execution, "organisationName"), type,
        LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CHINA), source, description,
        ViolationCreditEntry.RULE, verifier, null));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("creditRecordInstanceId", record.processInstanceId());
    entry.put("recordType", type.value());
    entry.put("recordTypeLabel", type.label());
    entry.put("recordDate", record.recordDate().toString());
    entry.put("recordedBy", verifier);
    execution.getProcessInstance().setVariable("creditRecordEntry", entry);
  }
}
