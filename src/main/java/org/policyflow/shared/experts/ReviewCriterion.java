package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One criterion of a review stage as the decision table {@code review-criteria} gives it: what the experts
 * judge, its weight (percent of the overall score) and the score under which an expert must say why (EXP-4)
 * and under which the panel's mean fails the review.
 */
public record ReviewCriterion(String code, String label, double weight, double threshold, String basis) {

  /**
   * The scoring form has this many criterion rows. A fixed set of top-level fields instead of a dynamic
   * list: Tasklist 7.24 keeps the submit button disabled once a field inside a dynamic list was edited.
   */
  public static final int FORM_SLOTS = 8;

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("code", code);
    map.put("label", label);
    map.put("weight", weight);
    map.put("threshold", threshold);
    map.put("basis", basis);
    return map;
  }

  /** Back from the stored variable (a list of maps, whichever way it was serialised). */
  public static List<ReviewCriterion> fromVariable(Object value) {
    return VariableValues.rows(value).stream().map(ReviewCriterion::fromMap).toList();
  }

  static ReviewCriterion fromMap(Map<String, Object> row) {
    return new ReviewCriterion(VariableValues.text(row.get("code")), VariableValues.text(row.get("label")),
        number(row.get("weight")), number(row.get("threshold")), VariableValues.text(row.get("basis")));
  }

  /**
   * The decision's rows checked as a set. A process owner's slip in the table (no row for the stage, a
   * zero weight, a duplicate code, more rows than the form has) stops the review before any expert is
   * asked, with a message that says which stage and what to correct.
   */
  public static List<ReviewCriterion> validated(String stage, List<Map<String, Object>> rows, double maxScore) {
    List<String> problems = new ArrayList<>();
    if (rows.isEmpty()) {
      problems.add("判定表 review-criteria 中没有评审环节“" + stage + "”的评价指标 / no criteria for stage '" + stage + "'");
    }
    if (rows.size() > FORM_SLOTS) {
      problems.add("评审环节“" + stage + "”有 " + rows.size() + " 项指标，评分表最多 " + FORM_SLOTS + " 项 / "
          + rows.size() + " criteria, the scoring form has " + FORM_SLOTS + " rows");
    }
    List<ReviewCriterion> criteria = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Map<String, Object> row : rows) {
      ReviewCriterion criterion;
      try {
        criterion = fromMap(row);
      } catch (IllegalArgumentException e) {
        problems.add("评价指标 " + row + " 的权重或分数线不是数字 / weight or threshold is not a number");
        continue;
      }
      if (criterion.code().isEmpty() || criterion.label().isEmpty()) {
        problems.add("评价指标须有代码和名称：" + row + " / a criterion needs a code and a label");
      }
      if (!codes.add(criterion.code())) {
        problems.add("指标代码重复：" + criterion.code() + " / duplicate criterion code");
      }
      if (!(criterion.weight() > 0)) {
        problems.add("指标“" + criterion.label() + "”的权重须大于 0 / weight must be positive");
      }
      if (criterion.threshold() < 0 || criterion.threshold() > maxScore) {
        problems.add("指标“" + criterion.label() + "”的单项分数线须在 0 至 " + (int) maxScore + " 之间 / threshold out of scale");
      }
      criteria.add(criterion);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("评审指标配置有误（" + stage + "）：" + String.join("；", problems));
    }
    return criteria;
  }

  private static double number(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(VariableValues.text(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + value, e);
    }
  }
}
