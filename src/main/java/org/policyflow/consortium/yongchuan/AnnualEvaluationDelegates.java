package org.policyflow.consortium.yongchuan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * YCC-R1 (实施评估, 002 §四(四)) in yc-consortium-year: the consortium's written self-evaluation report on the
 * previous year, due in January (late when submitted after the deadline day, whenever it is keyed), yc-stb's evaluation based on
 * it, and what follows from the grade: excellent → rolling project support; poor → adjust or terminate.
 */
@Configuration
public class AnnualEvaluationDelegates {

  private final YcConsortiumProperties properties;
  private final IdentityService identityService;

  public AnnualEvaluationDelegates(YcConsortiumProperties properties, IdentityService identityService) {
    this.properties = properties;
    this.identityService = identityService;
  }

  /**
   * BoundaryEvent_ReportOverdue → Task_FlagLateReport: the January deadline passed and no report has been
   * recorded yet. A reminder to yc-stb only: whether the report is late is judged on its submission date.
   */
  @Bean("flagYcLateReport")
  public JavaDelegate flagLateReport() {
    return execution -> {
      execution.setVariable("reportOverdue", true);
      Map<String, Object> late = new LinkedHashMap<>();
      late.put("ruleId", "YCC-R1");
      late.put("reportYear", ExchangeDelegates.number(execution, "reportYear"));
      late.put("dueAt", ((Date) execution.getVariable("reportDueAt")).toInstant().toString());
      late.put("flaggedAt", YcRules.now());
      late.put("note", "截止时尚未登记收到自评报告；是否逾期以联合体书面上报日期为准");
      YcRules.append(execution, "lateReports", late);
    };
  }

  /**
   * Task_RecordSelfEvaluation: the report's content and the day the consortium submitted it in writing. Late
   * means submitted after the January deadline day, not keyed after it: yc-stb may record a report in February
   * that reached it on 31 January, and it is in time.
   */
  @Bean("recordYcSelfEvaluation")
  public JavaDelegate recordSelfEvaluation() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      LocalDate submittedOn = FormValues.date(execution, "reportSubmittedOn");
      Date opens = (Date) execution.getVariable("reportOpensAt");
      LocalDate firstDay = opens.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
      if (submittedOn == null || submittedOn.isBefore(firstDay) || submittedOn.isAfter(today)) {
        violations.add(new RuleViolation("YCC-R1", "reportSubmittedOn",
            "请填写联合体书面上报自评报告的日期（" + firstDay + "至今天之间）",
            "Enter the day the consortium submitted the report (from " + firstDay + " to today)"));
      }
      YcRules.required(execution, violations, "goalProgress", "年度目标完成情况", "The progress against the yearly goal");
      YcRules.required(execution, violations, "keyTechnologyProgress", "重大技术攻关完成情况", "The progress of key technology work");
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      Date submittedAt = Date.from(submittedOn.atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
      execution.setVariable("reportSubmittedOn", submittedOn.toString());
      execution.setVariable("reportSubmittedAt", submittedAt);
      execution.setVariable("reportRecordedAt", ClockUtil.getCurrentTime());
      execution.setVariable("reportRecordedBy", YcRules.officer(identityService));
      execution.setVariable("reportLate", !submittedAt.before((Date) execution.getVariable("reportDueAt")));
    };
  }

  /** Task_RecordEvaluation: a configured grade and the evaluation opinion; the grade decides what follows. */
  @Bean("recordYcEvaluation")
  public JavaDelegate recordEvaluation() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      YcConsortiumProperties.Grade grade = properties.grade(YcRules.text(execution, "evaluationGrade"));
      if (grade == null) {
        violations.add(new RuleViolation("YCC-R1", "evaluationGrade", "请选择评价等次", "Choose the evaluation grade"));
      }
      YcRules.required(execution, violations, "evaluationOpinion", "评价意见", "The evaluation opinion");
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("evaluationGradeLabel", grade.label());
      execution.setVariable("evaluationConsequence", grade.consequence().name());
      execution.setVariable("evaluatedBy", YcRules.officer(identityService));
      execution.setVariable("evaluatedAt", ClockUtil.getCurrentTime());
    };
  }

  /** Task_RecordRollingSupport: the projects given rolling support after an excellent grade. */
  @Bean("recordYcRollingSupport")
  public JavaDelegate recordRollingSupport() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      YcRules.required(execution, violations, "rollingSupportProjects", "滚动支持的项目", "The projects supported");
      Double amount = FormValues.number(execution, "rollingSupportAmount");
      if (amount == null || amount <= 0) {
        violations.add(new RuleViolation("YCC-R1", "rollingSupportAmount", "请填写滚动支持金额（万元，大于0）",
            "The rolling support amount must be positive"));
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("evaluationMeasure", "rolling-support");
    };
  }

  /** Task_RecordAdjustOrTerminate: after a poor grade yc-stb adjusts (with the measures) or terminates. */
  @Bean("recordYcAdjustOrTerminate")
  public JavaDelegate recordAdjustOrTerminate() {
    return execution -> {
      String decision = YcRules.text(execution, "poorGradeDecision");
      List<RuleViolation> violations = new ArrayList<>();
      if (!List.of("adjust", "terminate").contains(decision)) {
        violations.add(new RuleViolation("YCC-R1", "poorGradeDecision", "评价较差的，须选择调整或终止",
            "After a poor grade choose to adjust or to terminate"));
      }
      YcRules.required(execution, violations, "poorGradeMeasures", "调整措施或终止理由", "The measures or the reason");
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("evaluationMeasure", decision);
      execution.setVariable("yearTerminated", "terminate".equals(decision));
    };
  }
}
