package org.policyflow.shared.experts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;

/**
 * One expert's scores, one per criterion of the review, read from the scoring form's rows
 * (criterion1Score, criterion1Reason …). EXP-3: every criterion is scored on the scale; EXP-4: a score
 * under the criterion's threshold comes with a written reason, so the panel's low marks can be explained
 * to the applicant and to an auditor.
 */
public record ExpertScoreSheet(List<Line> lines) {

  /** The score of one criterion and, where written, the reason. */
  public record Line(ReviewCriterion criterion, double score, String reason) {

    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("code", criterion.code());
      map.put("label", criterion.label());
      map.put("score", score);
      map.put("reason", reason.isEmpty() ? null : reason);
      return map;
    }
  }

  /**
   * The sheet of the scoring task in {@code scope} (criteria as the review's sheet listener left them), or
   * null with its refusals added to {@code violations}, so a delegate can add its own checks to the same
   * refusal.
   */
  public static ExpertScoreSheet readOrCollect(VariableScope scope, double maxScore, List<RuleViolation> violations) {
    try {
      return read(ReviewCriterion.fromVariable(scope.getVariable(ReviewCriteriaSheetListener.CRITERIA)),
          scope::getVariable, maxScore);
    } catch (PolicyRuleException refused) {
      violations.addAll(refused.violations());
      return null;
    }
  }

  /** Reads and checks every row at once, so the expert sees everything to correct in one refusal. */
  public static ExpertScoreSheet read(List<ReviewCriterion> criteria, Function<String, Object> variables,
      double maxScore) {
    List<RuleViolation> violations = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    for (int slot = 1; slot <= criteria.size(); slot++) {
      ReviewCriterion criterion = criteria.get(slot - 1);
      String scoreField = ReviewCriteriaSheetListener.slotName(slot, "Score");
      String reasonField = ReviewCriteriaSheetListener.slotName(slot, "Reason");
      BigDecimal score = number(variables.apply(scoreField));
      String reason = VariableValues.text(variables.apply(reasonField));
      if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.valueOf(maxScore)) > 0) {
        violations.add(new RuleViolation("EXP-3", scoreField,
            "请为“" + criterion.label() + "”给出 0 至 " + whole(maxScore) + " 分之间的评分",
            "Give '" + criterion.code() + "' a score between 0 and " + whole(maxScore)));
        continue;
      }
      if (score.doubleValue() < criterion.threshold() && reason.isEmpty()) {
        violations.add(new RuleViolation("EXP-4", reasonField,
            "“" + criterion.label() + "”评分 " + score.stripTrailingZeros().toPlainString() + " 分，低于单项分数线 "
                + whole(criterion.threshold()) + " 分，请书面说明理由",
            "Criterion '" + criterion.code() + "' is scored " + score.stripTrailingZeros().toPlainString()
                + ", under its threshold of " + whole(criterion.threshold()) + ": write the reason"));
        continue;
      }
      lines.add(new Line(criterion, score.doubleValue(), reason));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    return new ExpertScoreSheet(lines);
  }

  /** The expert's overall score: the criteria's scores weighted, two decimals half-up. */
  public double weightedScore() {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal weights = BigDecimal.ZERO;
    for (Line line : lines) {
      BigDecimal weight = BigDecimal.valueOf(line.criterion().weight());
      sum = sum.add(weight.multiply(BigDecimal.valueOf(line.score())));
      weights = weights.add(weight);
    }
    return sum.divide(weights, 2, RoundingMode.HALF_UP).doubleValue();
  }

  public List<Map<String, Object>> toMaps() {
    return lines.stream().map(Line::toMap).toList();
  }

  static String whole(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static BigDecimal number(Object value) {
    String text = VariableValues.text(value);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
