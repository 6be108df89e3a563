package org.policyflow.shared.credit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Accepts a credit record only when it identifies the organisation and the decision it rests on; a
 * refused record is not started at all, so the registry never holds an entry nobody can trace.
 */
@Component("registerCreditRecord")
public class RegisterCreditRecordDelegate implements JavaDelegate {

  static final String RULE = "CREDIT-REGISTRY";
  private final IdentityService identityService;

  public RegisterCreditRecordDelegate(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    CreditCode.check("creditCode", (String) execution.getVariable("creditCode")).ifPresent(violations::add);
    if (CreditRecordType.of((String) execution.getVariable("recordType")).isEmpty()) {
      violations.add(new RuleViolation(RULE, "recordType", "请选择记录类型", "Choose the kind of record"));
    }
    violations.addAll(checkDate((String) execution.getVariable("recordDate")));
    for (String field : List.of("organisationName", "source")) {
      Object value = execution.getVariable(field);
      if (value == null || value.toString().isBlank()) {
        violations.add(new RuleViolation(RULE, field, "必填项未填写", "This field is required"));
      }
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    String creditCode = CreditCode.normalise((String) execution.getVariable("creditCode"));
    execution.setVariable("creditCode", creditCode);
    // The registry finds an organisation's records by this key (indexed), however the record was started.
    execution.setProcessBusinessKey(creditCode);
    if (execution.getVariable("recordedBy") == null && identityService.getCurrentAuthentication() != null) {
      execution.setVariable("recordedBy", identityService.getCurrentAuthentication().getUserId());
    }
  }

  private static List<RuleViolation> checkDate(String value) {
    try {
      LocalDate date = LocalDate.parse(value == null ? "" : value);
      if (date.isAfter(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()))) {
        return List.of(new RuleViolation(RULE, "recordDate", "记录日期不能晚于今天", "The record date cannot be in the future"));
      }
      return List.of();
    } catch (DateTimeParseException e) {
      return List.of(new RuleViolation(RULE, "recordDate", "请填写记录日期（yyyy-MM-dd）", "Enter the record date (yyyy-MM-dd)"));
    }
  }
}
