package org.policyflow.techcentre;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The end of each supervision year in tech-centre and what follows from it: the year's record, the
 * automatic revocation grounds (TIC-R1 two missed reports in a row, TIC-A1 a failed assessment), the
 * officer's reported ground (TIC-X1), and the final revocation and plaque removal.
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
      Map<String, Object> record = TicRecords.entry("year", year, "reportSubmitted", reported,
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
      if (FormValues.flag(execution, "revocationReported")) {
        ground = TicRecords.text(execution, "reportedGround");
        evidence = TicRecords.text(execution, "reportedEvidence");
        reportedBy = TicRecords.text(execution, "reportedBy");
      } else if ("failed".equals(rating)) {
        ground = TechCentreProperties.ASSESSMENT_FAILED;
        evidence = year + "年度考核评估结果为不合格：" + TicRecords.text(execution, "adjustmentMeasure");
      } else if (missed >= properties.missedReportsForRevocation()) {
        ground = TechCentreProperties.NO_ANNUAL_REPORT;
        evidence = "截至" + year + "年底已连续" + missed + "年未提交年度报告";
      }
      execution.setVariable("revoke", ground != null);
      if (ground != null) {
        execution.setVariable("revocationGround", ground);
        execution.setVariable("revocationEvidence", evidence);
        execution.setVariable("revocationReportedBy", reportedBy);
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
      execution.setVariable("revocation", TicRecords.entry("ground", ground.code(), "groundLabel", ground.displayLabel(),
          "automatic", ground.automatic(), "local", ground.local(), "evidence", TicRecords.text(execution, "revocationEvidence"),
          "reportedBy", TicRecords.text(execution, "revocationReportedBy"),
          "licenceNumber", execution.getVariable("licenceNumber"), "revokedAt", TicRecords.now()));
      execution.setVariable("revocationGroundLabel", ground.displayLabel());
      execution.setVariable("licenceStatus", "revoked");
    };
  }

  /** TIC-X1 摘牌: the plaque is taken back; the date is required and must not lie in the future. */
  @Bean("ticRecordPlaqueRemoval")
  JavaDelegate recordPlaqueRemoval() {
    return execution -> {
      LocalDate removedOn = FormValues.date(execution, "plaqueRemovedOn");
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
      if (removedOn == null || removedOn.isAfter(today)) {
        throw new PolicyRuleException("TIC-X1", "plaqueRemovedOn", "请填写已收回牌匾的日期（不得晚于今天）",
            "Enter the day the plaque was taken back (not in the future)");
      }
      execution.setVariable("licenceStatus", "revoked-plaque-removed");
      execution.setVariable("plaqueRemovedBy", TicRecords.actor(identityService));
    };
  }
}
