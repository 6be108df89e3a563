package org.policyflow.consortium.beijing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_RecordSupportDecision of bj-consortium (确定支持对象, 004 §六4). For a supported consortium:
 * the total support is split over the milestones of the consortium's own development plan (BJC-F1, BJC-P2),
 * the first performance evaluation date set by the department becomes the evaluation timer (BJC-P1) and the
 * commissioner's follow-up cycle is fixed (BJC-S1).
 */
@Component("recordSupportDecision")
public class RecordSupportDecisionDelegate implements JavaDelegate {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private final BjConsortiumProperties properties;

  public RecordSupportDecisionDelegate(BjConsortiumProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decision = ConsortiumChecks.text(execution, "supportDecision");
    List<RuleViolation> violations = new ArrayList<>();
    ConsortiumChecks.required(execution, violations, "supportDecisionReason", "决定理由", "The reason");
    if (!"supported".equals(decision)) {
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("supported", false);
      return;
    }
    BigDecimal total = amount(execution.getVariable("totalFunding"));
    if (total == null || total.signum() <= 0) {
      violations.add(new RuleViolation("BJC-F1", "totalFunding", "请填写支持资金总额（万元），用于按里程碑分阶段拨付",
          "Enter the total support (10k CNY) to be released by milestone"));
    }
    Date evaluationDue = futureDate(execution, "evaluationDate", violations);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    // BJC-F1 funds the consortium's own milestones (BJC-P2), checked when the plan was submitted.
    List<DevelopmentPlan.Milestone> milestones = DevelopmentPlan.check(execution.getVariables(),
        LocalDate.MIN, violations);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    List<Map<String, Object>> plan = DevelopmentPlan.fundingPlan(milestones, total);
    execution.setVariable("supported", true);
    execution.setVariable("milestonePlan", plan);
    execution.setVariable("milestoneIndex", 0);
    execution.setVariable("currentMilestone", plan.get(0).get("stage"));
    execution.setVariable("currentMilestoneAmount", plan.get(0).get("amount"));
    MilestoneFundingDelegates.showStage(execution, plan.get(0));
    execution.setVariable("evaluationDueAt", evaluationDue);
    // BJC-S1: the follow-up cycle of the operating phase, as configured when the consortium is supported.
    execution.setVariable("followUpCycle", properties.followUpCycle());
    execution.setVariable("followUpResponsePeriod", properties.followUpResponsePeriod());
  }

  /** A date entered by the department (yyyy-MM-dd), after today; the timer fires at its start (China time). */
  static Date futureDate(DelegateExecution execution, String field, List<RuleViolation> violations) {
    String value = ConsortiumChecks.text(execution, field);
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), CHINA);
    try {
      LocalDate date = LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
      if (!date.isAfter(today)) {
        violations.add(new RuleViolation("BJC-P1", field, "绩效评价日期须晚于今天", "The evaluation date must lie after today"));
        return null;
      }
      return Date.from(date.atStartOfDay(CHINA).toInstant());
    } catch (DateTimeParseException e) {
      violations.add(new RuleViolation("BJC-P1", field, "请填写绩效评价日期（yyyy-MM-dd）",
          "Enter the performance evaluation date (yyyy-MM-dd)"));
      return null;
    }
  }

  static BigDecimal amount(Object value) {
    try {
      return value == null ? null : new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
