package org.policyflow.shared.experts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a panel concluded (EXP-3): per criterion the panel's mean, lowest and highest score and standard
 * deviation (of the panel's scores, as a population: the panel is all there is), and the overall score —
 * the criteria's means weighted, which equals the mean of the experts' weighted scores. The review passes
 * when the overall score reaches the pass line and no criterion's mean is under its own threshold: a
 * strong total must not hide a criterion the panel found wanting. Figures are rounded to two decimals
 * half-up, once, at the end.
 */
public record PanelResult(List<CriterionResult> criteria, double overallScore, double passThreshold, boolean passed,
    List<String> reasons) {

  public record CriterionResult(ReviewCriterion criterion, double mean, double min, double max,
      double standardDeviation, int belowThreshold, boolean passed) {

    public Map<String, Object> toMap() {
      Map<String, Object> map = criterion.toMap();
      map.put("mean", mean);
      map.put("min", min);
      map.put("max", max);
      map.put("standardDeviation", standardDeviation);
      map.put("belowThresholdCount", belowThreshold);
      map.put("passed", passed);
      return map;
    }
  }

  private static final MathContext PRECISION = MathContext.DECIMAL64;

  /** {@code entries}: the experts' reviewEntry maps, each with {@code criteria: [{code, score}]}. */
  public static PanelResult of(List<ReviewCriterion> criteria, List<Map<String, Object>> entries, double passThreshold) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a panel result needs at least one expert's scores");
    }
    List<CriterionResult> results = new ArrayList<>();
    BigDecimal weighted = BigDecimal.ZERO;
    BigDecimal weights = BigDecimal.ZERO;
    List<String> reasons = new ArrayList<>();
    for (ReviewCriterion criterion : criteria) {
      List<BigDecimal> scores = new ArrayList<>();
      for (Map<String, Object> entry : entries) {
        scores.add(scoreOf(entry, criterion));
      }
      BigDecimal n = BigDecimal.valueOf(scores.size());
      BigDecimal mean = scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, PRECISION);
      BigDecimal variance = scores.stream().map(s -> s.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add)
          .divide(n, PRECISION);
      double roundedMean = round(mean);
      int below = (int) scores.stream().filter(s -> s.doubleValue() < criterion.threshold()).count();
      boolean passed = roundedMean >= criterion.threshold();
      results.add(new CriterionResult(criterion, roundedMean,
          scores.stream().min(BigDecimal::compareTo).orElseThrow().doubleValue(),
          scores.stream().max(BigDecimal::compareTo).orElseThrow().doubleValue(),
          round(variance.sqrt(PRECISION)), below, passed));
      if (!passed) {
        reasons.add("“" + criterion.label() + "”专家组均分 " + fixed(roundedMean) + " 分，低于单项分数线 "
            + ExpertScoreSheet.whole(criterion.threshold()) + " 分");
      }
      BigDecimal weight = BigDecimal.valueOf(criterion.weight());
      weighted = weighted.add(weight.multiply(mean));
      weights = weights.add(weight);
    }
    double overall = round(weighted.divide(weights, PRECISION));
    boolean overallPassed = overall >= passThreshold;
    if (!overallPassed) {
      reasons.add(0, "加权总分 " + fixed(overall) + " 分，低于总分通过线 " + ExpertScoreSheet.whole(passThreshold) + " 分");
    }
    boolean passed = overallPassed && results.stream().allMatch(CriterionResult::passed);
    if (passed) {
      reasons.add("加权总分 " + fixed(overall) + " 分，达到总分通过线 " + ExpertScoreSheet.whole(passThreshold)
          + " 分，各项指标的专家组均分均达到单项分数线");
    }
    return new PanelResult(results, overall, passThreshold, passed, reasons);
  }

  /** The variable reviewCriteriaResult: every figure, the pass line and the reasons, in Chinese. */
  public Map<String, Object> toMap(String stage, int experts) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("stage", stage);
    map.put("experts", experts);
    map.put("overallScore", overallScore);
    map.put("passThreshold", passThreshold);
    map.put("passed", passed);
    map.put("criteria", criteria.stream().map(CriterionResult::toMap).toList());
    map.put("reasons", reasons);
    map.put("conclusion", (passed ? "通过：" : "未通过：") + String.join("；", reasons));
    map.put("summary", summary());
    return map;
  }

  /** One line per criterion and the conclusion, for forms that show the result as text. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    for (CriterionResult r : criteria) {
      text.append(r.criterion().label()).append("（权重 ").append(ExpertScoreSheet.whole(r.criterion().weight()))
          .append("%）：均分 ").append(fixed(r.mean())).append("，最低 ").append(ExpertScoreSheet.whole(r.min()))
          .append("，最高 ").append(ExpertScoreSheet.whole(r.max())).append("，标准差 ").append(fixed(r.standardDeviation()))
          .append("，单项分数线 ").append(ExpertScoreSheet.whole(r.criterion().threshold()))
          .append(r.passed() ? "" : "（未达到）").append('\n');
    }
    text.append(passed ? "结论：通过。" : "结论：未通过。").append(String.join("；", reasons)).append('。');
    return text.toString();
  }

  private static BigDecimal scoreOf(Map<String, Object> entry, ReviewCriterion criterion) {
    for (Map<String, Object> line : VariableValues.rows(entry.get("criteria"))) {
      if (criterion.code().equals(line.get("code"))) {
        return new BigDecimal(String.valueOf(line.get("score")));
      }
    }
    throw new IllegalStateException("expert " + entry.get("expert") + " has no score for criterion " + criterion.code());
  }

  private static double round(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  private static String fixed(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
