package org.policyflow.techcentre;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The supervision steps of a licensed centre (003 第五章), each a bean named in tech-centre and
 * tech-centre-year. Each one checks what its form must contain and keeps an audit entry (who, when).
 */
@Configuration
public class SupervisionDelegates {

  private final IdentityService identityService;
  private final TechCentreProperties properties;
  private final TechCentreSchedule schedule;

  public SupervisionDelegates(IdentityService identityService, TechCentreProperties properties,
      TechCentreSchedule schedule) {
    this.identityService = identityService;
    this.properties = properties;
    this.schedule = schedule;
  }

  /** TIC-R3: a project commissioner (项目专员, e.g. from the 朱雀人才 programme) is assigned to the centre. */
  @Bean("ticRecordCommissioner")
  JavaDelegate recordCommissioner() {
    return execution -> {
      require(execution, "TIC-R3", "commissionerName", "请指派项目专员", "Assign a project commissioner");
      TicRecords.append(execution, "commissionerAssignments", TicRecords.entry(
          "commissionerName", TicRecords.text(execution, "commissionerName"),
          "commissionerSource", TicRecords.text(execution, "commissionerSource"),
          "assignedBy", TicRecords.actor(identityService), "assignedAt", TicRecords.now()));
    };
  }

  /**
   * TIC-R1: a received annual report with the day it was received. Whether it came in time is judged on that
   * day against the configured due day, never on the day someone keys it: a report received on 30 December and
   * keyed in January is in time; one received in January is recorded, but late.
   */
  @Bean("ticRecordAnnualReport")
  JavaDelegate recordAnnualReport() {
    return execution -> {
      int year = (Integer) execution.getVariable("supervisionYear");
      List<RuleViolation> violations = new ArrayList<>();
      LocalDate receivedOn = FormValues.date(execution, "reportReceivedOn");
      LocalDate today = schedule.today();
      LocalDate yearStart = LocalDate.of(year, 1, 1);
      if (receivedOn == null || receivedOn.isAfter(today) || receivedOn.isBefore(yearStart)) {
        violations.add(TicRecords.violation("TIC-R1", "reportReceivedOn",
            "请填写收到年度报告的日期（" + year + "年1月1日至今天之间）",
            "Enter the day the report was received (from 1 January " + year + " to today)"));
      }
      missing(execution, violations, "TIC-R1", "reportSummary", "请填写年度报告主要内容", "The report's content is missing");
      Double rd = FormValues.number(execution, "reportRdInvestment");
      if (rd == null || rd < 0) {
        violations.add(TicRecords.violation("TIC-R1", "reportRdInvestment", "请填写本年度研发投入（万元）",
            "Enter the year's R&D investment"));
      }
      boolean adjustment = FormValues.flag(execution, "majorAdjustmentRequested");
      if (adjustment) {
        missing(execution, violations, "TIC-R2", "majorAdjustmentDescription", "申请重大任务调整须说明调整内容",
            "A major task adjustment needs its description");
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      boolean inTime = schedule.reportInTime(year, receivedOn);
      execution.setVariable("majorAdjustmentRequested", adjustment);
      execution.setVariable("reportSubmitted", inTime);
      execution.setVariable("reportReceived", true);
      execution.setVariable("reportReceivedOn", receivedOn.toString());
      execution.setVariable("reportLate", !inTime);
      execution.setVariable("reportRecordedBy", TicRecords.actor(identityService));
      execution.setVariable("reportRecordedAt", TicRecords.now());
    };
  }

  /**
   * TIC-R1: after the due day bj-sti confirms that no report was received. A person confirms it, so a report
   * that arrived in time but was not yet keyed is never counted as missing.
   */
  @Bean("ticRecordMissedReport")
  JavaDelegate recordMissedReport() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      if (!FormValues.flag(execution, "noReportReceived")) {
        violations.add(TicRecords.violation("TIC-R1", "noReportReceived",
            "请确认截至报送截止日未收到年度报告；已收到的，请在“登记收到的年度报告”任务中按收到日期登记",
            "Confirm that no report was received by the due day; a received report is recorded with its date instead"));
      }
      missing(execution, violations, "TIC-R1", "missingReportNote", "请填写核实情况", "Describe how this was checked");
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("majorAdjustmentRequested", false);
      execution.setVariable("reportSubmitted", false);
      execution.setVariable("reportReceived", false);
      execution.setVariable("reportLate", false);
      execution.setVariable("missingReportConfirmedBy", TicRecords.actor(identityService));
      execution.setVariable("reportRecordedAt", TicRecords.now());
    };
  }

  /**
   * TIC-R2: a major task adjustment for the next year applies only with bj-sti's written approval; the
   * approval names its document. A refused adjustment does not apply.
   */
  @Bean("ticRecordAdjustmentDecision")
  JavaDelegate recordAdjustmentDecision() {
    return execution -> {
      String decision = TicRecords.text(execution, "adjustmentDecision");
      List<RuleViolation> violations = new ArrayList<>();
      if (!"approved".equals(decision) && !"refused".equals(decision)) {
        violations.add(TicRecords.violation("TIC-R2", "adjustmentDecision", "请选择批准或不予批准",
            "Approve or refuse the adjustment"));
      }
      if ("approved".equals(decision)) {
        missing(execution, violations, "TIC-R2", "approvalDocumentNumber", "书面批准须填写批复文号",
            "A written approval needs its document number");
      }
      missing(execution, violations, "TIC-R2", "adjustmentOpinion", "请填写审批意见", "Enter the opinion");
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("adjustmentApproved", "approved".equals(decision));
      execution.setVariable("adjustmentDecidedBy", TicRecords.actor(identityService));
      execution.setVariable("adjustmentDecidedAt", TicRecords.now());
    };
  }

  /**
   * TIC-R3 follow-up by the commissioner; TIC-X1: a revocation situation found is recorded with its ground
   * (one of the configured, not automatic grounds) and the evidence.
   */
  @Bean("ticRecordFollowUp")
  JavaDelegate recordFollowUp() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      missing(execution, violations, "TIC-R3", "followUpNotes", "请填写跟踪服务情况", "Describe the follow-up");
      boolean situation = FormValues.flag(execution, "revocationSituation");
      String ground = TicRecords.text(execution, "revocationGround");
      if (situation) {
        if (properties.ground(ground).filter(g -> !g.automatic()).isEmpty()) {
          violations.add(TicRecords.violation("TIC-X1", "revocationGround", "请选择配置的撤销资格情形",
              "Choose one of the configured grounds"));
        }
        missing(execution, violations, "TIC-X1", "revocationEvidence", "撤销资格须记录事实依据",
            "Revocation needs the evidence");
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      String officer = TicRecords.actor(identityService);
      TicRecords.append(execution, "followUps", TicRecords.entry("notes", TicRecords.text(execution, "followUpNotes"),
          "revocationGround", situation ? ground : null, "recordedBy", officer, "recordedAt", TicRecords.now()));
      execution.setVariable("revocationReported", situation);
      if (situation) {
        execution.setVariable("reportedGround", ground);
        execution.setVariable("reportedEvidence", TicRecords.text(execution, "revocationEvidence"));
        execution.setVariable("reportedBy", officer);
      }
    };
  }

  /** TIC-A1: the three-yearly assessment covers goals, technical results and R&D investment. */
  @Bean("ticRecordAssessment")
  JavaDelegate recordAssessment() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      missing(execution, violations, "TIC-A1", "goalsCompletion", "请填写总体目标完成情况", "Goals are missing");
      missing(execution, violations, "TIC-A1", "technicalResults", "请填写技术攻关成效", "Technical results are missing");
      Double rd = FormValues.number(execution, "assessedRdInvestment");
      if (rd == null || rd < 0) {
        violations.add(TicRecords.violation("TIC-A1", "assessedRdInvestment", "请填写考核期研发投入（万元）",
            "Enter the R&D investment of the period"));
      }
      String rating = TicRecords.text(execution, "assessmentRating");
      if (!List.of("excellent", "qualified", "failed").contains(rating)) {
        violations.add(TicRecords.violation("TIC-A1", "assessmentRating", "请选择考核评估结果", "Choose the result"));
      }
      missing(execution, violations, "TIC-A1", "adjustmentMeasure", "请填写动态调整措施",
          "Enter the resulting adjustment (动态调整)");
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      execution.setVariable("assessedBy", TicRecords.actor(identityService));
      execution.setVariable("assessedAt", TicRecords.now());
    };
  }

  private static void require(DelegateExecution execution, String rule, String field, String zh, String en) {
    if (TicRecords.text(execution, field).isEmpty()) {
      throw new PolicyRuleException(rule, field, zh, en);
    }
  }

  private static void missing(DelegateExecution execution, List<RuleViolation> violations, String rule, String field,
      String zh, String en) {
    if (TicRecords.text(execution, field).isEmpty()) {
      violations.add(TicRecords.violation(rule, field, zh, en));
    }
  }
}
