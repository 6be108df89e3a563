package org.policyflow.techcentre;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The end of each supervision year in tech-centre and what follows from it: the year's record, a first late
 * or missing annual report warning bj-sti and the district, a second in a row proposing revocation for bj-sti
 * to decide (TIC-R1), a failed assessment revoking (TIC-A1), the officer's reported ground (TIC-X1), and the
 * final revocation and plaque removal.
 */
@Configuration
public class RevocationDelegates {

  private final TechCentreProperties properties;
  private final IdentityService identityService;

  public RevocationDelegates(TechCentreProperties properties, IdentityService identityService) {
    this.properties = properties;
    this.identityService = identityService;
  }

  /** Task_EvaluateYear: records the year that ended and decides whether the centre loses its licence. */
  @Bean("ticYearOutcome")
  JavaDelegate yearOutcome() {
    return execution -> {
      int year = (Integer) execution.getVariable("supervisionYear");
      boolean reported = FormValues.flag(execution, "reportSubmitted");
      int missed = reported ? 0 : ((Integer) execution.getVariable("missedReportsInRow")) + 1;
      execution.setVariable("missedReportsInRow", missed);
      String rating = TicRecords.text(execution, "assessmentRating");
      boolean assessed = !rating.isEmpty();
      String receivedOn = TicRecords.text(execution, "reportReceivedOn");
      Map<String, Object> record = TicRecords.entry("year", year, "reportSubmitted", reported,
          "reportReceivedOn", FormValues.flag(execution, "reportReceived") && !receivedOn.isEmpty() ? receivedOn : null,
          "missedReportsInRow", missed, "assessmentRating", assessed ? rating : null,
          "adjustmentMeasure", assessed ? TicRecords.text(execution, "adjustmentMeasure") : null);
      if (FormValues.flag(execution, "majorAdjustmentRequested")) {
        boolean approved = FormValues.flag(execution, "adjustmentApproved");
        record.put("majorAdjustment", approved ? "approved" : "refused");
        if (approved) {
          // TIC-R2: the adjustment applies from the next year, and only because it was approved in writing.
          TicRecords.append(execution, "approvedAdjustments", TicRecords.entry("appliesFromYear", year + 1,
              "description", TicRecords.text(execution, "majorAdjustmentDescription"),
              "approvalDocumentNumber", TicRecords.text(execution, "approvalDocumentNumber")));
        }
      }
      if (assessed) {
        TicRecords.append(execution, "assessments", TicRecords.entry("year", year, "rating", rating,
            "adjustmentMeasure", TicRecords.text(execution, "adjustmentMeasure")));
      }
      TicRecords.append(execution, "supervisionRecords", record);

      String ground = null;
      String evidence = null;
      String reportedBy = "system";
      String outcome = "continue";
      if (FormValues.flag(execution, "revocationReported")) {
        ground = TicRecords.text(execution, "reportedGround");
        evidence = TicRecords.text(execution, "reportedEvidence");
        reportedBy = TicRecords.text(execution, "reportedBy");
        outcome = "revoke";
      } else if ("failed".equals(rating)) {
        ground = TechCentreProperties.ASSESSMENT_FAILED;
        evidence = year + "年度考核评估结果为不合格：" + TicRecords.text(execution, "adjustmentMeasure");
        outcome = "revoke";
      } else if (missed >= properties.missedReportsForRevocation()) {
        // TIC-R1: the process only proposes; bj-sti decides (Task_DecideRevocationProposal).
        ground = TechCentreProperties.NO_ANNUAL_REPORT;
        evidence = "截至" + year + "年度报送截止日，已连续" + missed + "年未按时报送年度报告（" + missedYears(execution, missed) + "）";
        outcome = "propose";
      } else if (missed > 0) {
        outcome = "warn";
      }
      execution.setVariable("yearOutcome", outcome);
      if (ground != null) {
        execution.setVariable("revocationGround", ground);
        execution.setVariable("revocationEvidence", evidence);
        execution.setVariable("revocationReportedBy", reportedBy);
        execution.setVariable("revocationDecidedBy", null);
        execution.setVariable("revocationDecisionReason", null);
      }
      if (!"revoke".equals(outcome) && !"propose".equals(outcome)) {
        execution.setVariable("supervisionYear", year + 1);
      }
    };
  }

  /** The years of the current run of late or missing reports, as the proposal's evidence names them. */
  private static String missedYears(org.camunda.bpm.engine.delegate.DelegateExecution execution, int missed) {
    List<Map<String, Object>> records = VariableValues.rows(execution.getVariable("supervisionRecords"));
    return records.subList(Math.max(0, records.size() - missed), records.size()).stream()
        .map(r -> r.get("year") + "年度" + (r.get("reportReceivedOn") == null ? "未收到" : "于" + r.get("reportReceivedOn") + "收到，逾期"))
        .collect(java.util.stream.Collectors.joining("；"));
  }

  /**
   * TIC-R1 first missed year: bj-sti reminds the supporting unit in writing and the district helps to obtain the
   * report (003 第四章 协助开展…年报报送). Both tasks share this record; who acted tells them apart. The year is the
   * report year the task was raised for (its {@code reportYear}), not the supervision year running when it is done.
   */
  @Bean("ticRecordReportWarning")
  JavaDelegate recordReportWarning() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      if (TicRecords.text(execution, "warningAction").isEmpty()) {
        violations.add(TicRecords.violation("TIC-R1", "warningAction", "请填写提醒、督促情况", "Describe the reminder"));
      }
      LocalDate notifiedOn = FormValues.date(execution, "centreNotifiedOn");
      if (notifiedOn == null || notifiedOn.isAfter(today())) {
        violations.add(TicRecords.violation("TIC-R1", "centreNotifiedOn", "请填写告知依托单位的日期（不得晚于今天）",
            "Enter the day the supporting unit was told (not in the future)"));
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      String activity = execution.getCurrentActivityId();
      TicRecords.append(execution, "reportWarnings", TicRecords.entry(
          "year", ((Number) execution.getVariable("warnedReportYear")).intValue(),
          "by", "Task_RecordDistrictUrging".equals(activity) ? "bj-district-sti" : "bj-sti",
          "action", TicRecords.text(execution, "warningAction"), "centreNotifiedOn", notifiedOn.toString(),
          "recordedBy", TicRecords.actor(identityService), "recordedAt", TicRecords.now()));
    };
  }

  /**
   * TIC-R1 / TIC-X1: bj-sti decides the revocation proposal with a reason and the day it told the supporting
   * unit in writing. Rejected: supervision goes on with the next year (a further missed year proposes again).
   */
  @Bean("ticRecordProposalDecision")
  JavaDelegate recordProposalDecision() {
    return execution -> {
      String decision = TicRecords.text(execution, "proposalDecision");
      List<RuleViolation> violations = new ArrayList<>();
      if (!List.of("approved", "rejected").contains(decision)) {
        violations.add(TicRecords.violation("TIC-X1", "proposalDecision", "请选择同意或不同意撤销资格",
            "Approve or reject the revocation proposal"));
      }
      if (TicRecords.text(execution, "proposalDecisionReason").isEmpty()) {
        violations.add(TicRecords.violation("TIC-X1", "proposalDecisionReason", "请填写决定理由", "Give the reason"));
      }
      LocalDate notifiedOn = FormValues.date(execution, "centreNotifiedOn");
      if (notifiedOn == null || notifiedOn.isAfter(today())) {
        violations.add(TicRecords.violation("TIC-X1", "centreNotifiedOn", "请填写书面告知依托单位的日期（不得晚于今天）",
            "Enter the day the supporting unit was told in writing (not in the future)"));
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      boolean approved = "approved".equals(decision);
      String officer = TicRecords.actor(identityService);
      int year = (Integer) execution.getVariable("supervisionYear");
      String reason = TicRecords.text(execution, "proposalDecisionReason");
      TicRecords.append(execution, "revocationProposals", TicRecords.entry("year", year,
          "ground", TicRecords.text(execution, "revocationGround"), "evidence", TicRecords.text(execution, "revocationEvidence"),
          "decision", decision, "reason", reason, "decidedBy", officer, "decidedAt", TicRecords.now(),
          "centreNotifiedOn", notifiedOn.toString()));
      execution.setVariable("proposalApproved", approved);
      if (approved) {
        execution.setVariable("revocationDecidedBy", officer);
        execution.setVariable("revocationDecisionReason", reason);
      } else {
        execution.setVariable("supervisionYear", year + 1);
      }
    };
  }

  /** TIC-X1: the licence is revoked, with the configured ground, its evidence and who raised it. */
  @Bean("ticRevoke")
  JavaDelegate revoke() {
    return execution -> {
      String code = TicRecords.text(execution, "revocationGround");
      TechCentreProperties.RevocationGround ground = properties.ground(code).orElseThrow(() -> new PolicyRuleException(
          "TIC-X1", "revocationGround", "撤销资格情形未配置：" + code, "Unknown revocation ground " + code));
      String decidedBy = TicRecords.text(execution, "revocationDecidedBy");
      execution.setVariable("revocation", TicRecords.entry("ground", ground.code(), "groundLabel", ground.displayLabel(),
          // automatic: revoked without anyone deciding (a failed assessment); a proposal carries who decided and why.
          "automatic", decidedBy.isEmpty() && "system".equals(TicRecords.text(execution, "revocationReportedBy")),
          "local", ground.local(), "evidence", TicRecords.text(execution, "revocationEvidence"),
          "reportedBy", TicRecords.text(execution, "revocationReportedBy"),
          "decidedBy", decidedBy.isEmpty() ? null : decidedBy,
          "decisionReason", decidedBy.isEmpty() ? null : TicRecords.text(execution, "revocationDecisionReason"),
          "licenceNumber", execution.getVariable("licenceNumber"), "revokedAt", TicRecords.now()));
      execution.setVariable("revocationGroundLabel", ground.displayLabel());
      execution.setVariable("licenceStatus", "revoked");
    };
  }

  private static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
  }

  /** TIC-X1 摘牌: the plaque is taken back; the date is required and must not lie in the future. */
  @Bean("ticRecordPlaqueRemoval")
  JavaDelegate recordPlaqueRemoval() {
    return execution -> {
      LocalDate removedOn = FormValues.date(execution, "plaqueRemovedOn");
      if (removedOn == null || removedOn.isAfter(today())) {
        throw new PolicyRuleException("TIC-X1", "plaqueRemovedOn", "请填写已收回牌匾的日期（不得晚于今天）",
            "Enter the day the plaque was taken back (not in the future)");
      }
      execution.setVariable("licenceStatus", "revoked-plaque-removed");
      execution.setVariable("plaqueRemovedBy", TicRecords.actor(identityService));
    };
  }
}
