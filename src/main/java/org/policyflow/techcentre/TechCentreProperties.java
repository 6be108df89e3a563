package org.policyflow.techcentre;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The technology innovation centre programme's lists and numbers (tech-centre.yaml). */
@ConfigurationProperties("policyflow.tech-centre")
public record TechCentreProperties(
    List<String> leadTypes,
    List<String> highEndFields,
    List<String> futureFields,
    double rdInvestmentThreshold,
    int yearlyLicenceCap,
    int assessmentIntervalYears,
    int missedReportsForRevocation,
    String annualReportDue,
    int recommendationWorkingDays,
    String licenceNumberFormat,
    List<RevocationGround> revocationGrounds) {

  /**
   * TIC-X1: one ground for revocation; automatic ones are raised by the process, never chosen by hand.
   * {@code local}: not among the grounds 003 names, added by this office; users always see it marked so.
   * One constructor only, so that Spring binds the yaml through it (an absent {@code local} is false).
   */
  public record RevocationGround(String code, String label, boolean automatic, boolean local) {

    /** The label as users see it (options, records, plaque-removal task). */
    public String displayLabel() {
      return local ? label + LOCAL_MARK : label;
    }
  }

  /** Appended to every local ground wherever a user sees it. */
  public static final String LOCAL_MARK = "（本地补充情形，非《指引》所列）";
  public static final String ASSESSMENT_FAILED = "assessment-failed";
  public static final String NO_ANNUAL_REPORT = "no-annual-report";
  /** The four grounds 003 第五章 names ("考核评估不合格、连续两年未提交年度报告、出现重大经营风险事件或被依法终止"). */
  public static final List<String> SEED_GROUNDS =
      List.of(ASSESSMENT_FAILED, NO_ANNUAL_REPORT, "major-operating-risk", "terminated-by-law");

  public TechCentreProperties {
    leadTypes = List.copyOf(leadTypes);
    highEndFields = List.copyOf(highEndFields);
    futureFields = List.copyOf(futureFields);
    revocationGrounds = List.copyOf(revocationGrounds);
    // The process raises these two itself; without them in the list it could not name its own ground.
    for (String required : List.of(ASSESSMENT_FAILED, NO_ANNUAL_REPORT)) {
      if (revocationGrounds.stream().noneMatch(g -> g.code().equals(required) && g.automatic())) {
        throw new IllegalArgumentException("[TIC-X1] policyflow.tech-centre.revocation-grounds: 缺少自动撤销情形 "
            + required + " / the automatic ground " + required + " must be configured");
      }
    }
    for (String seedGround : SEED_GROUNDS) {
      if (revocationGrounds.stream().noneMatch(g -> g.code().equals(seedGround) && !g.local())) {
        throw new IllegalArgumentException("[TIC-X1] policyflow.tech-centre.revocation-grounds: 缺少《指引》所列撤销情形 "
            + seedGround + "（不得标为本地补充） / the guideline's ground " + seedGround + " must be configured, not as local");
      }
    }
    reportDueDay(annualReportDue);
    if (yearlyLicenceCap < 1 || assessmentIntervalYears < 1 || missedReportsForRevocation < 1) {
      throw new IllegalArgumentException("policyflow.tech-centre: cap, assessment interval and missed reports must be positive");
    }
  }

  /** TIC-R1: the month and day of the report year by which the annual report must have been submitted. */
  public MonthDay reportDueDay() {
    return reportDueDay(annualReportDue);
  }

  private static MonthDay reportDueDay(String configured) {
    try {
      return MonthDay.parse("--" + configured.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("[TIC-R1] policyflow.tech-centre.annual-report-due: 请按“月-日”（如 12-31）配置年度报告"
          + "报送截止日 / the annual report's due day must be configured as MM-dd, not '" + configured + "'");
    }
  }

  /** The ten high-end and the six future industries, in that order. */
  public List<String> fields() {
    List<String> all = new ArrayList<>(highEndFields);
    all.addAll(futureFields);
    return all;
  }

  public Optional<RevocationGround> ground(String code) {
    return revocationGrounds.stream().filter(g -> g.code().equals(code)).findFirst();
  }
}
