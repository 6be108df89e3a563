package org.policyflow.consortium.yongchuan;

import java.time.Month;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Yongchuan consortium pilots' numbers and lists (yc-consortium.yaml), checked at start-up. */
@ConfigurationProperties("policyflow.yc-consortium")
public record YcConsortiumProperties(
    int targetConsortia,
    int targetYear,
    int minimumMembers,
    int constructionYears,
    int exchangeIntervalMonths,
    int selfEvaluationMonth,
    int selfEvaluationDeadlineDay,
    List<Grade> evaluationGrades,
    String namePattern,
    String nameExample,
    List<String> argumentationExpertTypes) {

  /** What an annual evaluation grade leads to (YCC-R1). */
  public enum Consequence { ROLLING_SUPPORT, NONE, ADJUST_OR_TERMINATE }

  /** One grade of the annual evaluation: value stored, label shown, consequence. */
  public record Grade(String value, String label, Consequence consequence) {}

  public YcConsortiumProperties {
    if (exchangeIntervalMonths < 1 || 12 % exchangeIntervalMonths != 0) {
      throw new IllegalArgumentException("[YCC-O1] policyflow.yc-consortium.exchange-interval-months: 须能整除12 / "
          + "must divide the year into equal periods (3 = quarterly)");
    }
    if (selfEvaluationMonth < 1 || selfEvaluationMonth > 12 || selfEvaluationDeadlineDay < 1
        || selfEvaluationDeadlineDay > Month.of(selfEvaluationMonth).minLength()) {
      throw new IllegalArgumentException("[YCC-R1] policyflow.yc-consortium.self-evaluation-month/deadline-day: "
          + "不是有效的日期 / not a valid day of the month");
    }
    if (evaluationGrades == null || evaluationGrades.isEmpty()) {
      throw new IllegalArgumentException("[YCC-R1] policyflow.yc-consortium.evaluation-grades: 至少一个评价等次 / "
          + "at least one grade");
    }
    if (minimumMembers < 1 || constructionYears < 1) {
      throw new IllegalArgumentException("policyflow.yc-consortium: minimum-members and construction-years must be positive");
    }
    Pattern.compile(namePattern);
    evaluationGrades = List.copyOf(evaluationGrades);
    argumentationExpertTypes = argumentationExpertTypes == null ? List.of() : List.copyOf(argumentationExpertTypes);
  }

  public int exchangesPerYear() {
    return 12 / exchangeIntervalMonths;
  }

  public Grade grade(String value) {
    return evaluationGrades.stream().filter(g -> g.value().equals(value)).findFirst().orElse(null);
  }
}
