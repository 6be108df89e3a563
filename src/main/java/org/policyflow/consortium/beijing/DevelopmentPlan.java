package org.policyflow.consortium.beijing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;

/**
 * BJC-P2 (004 §三5 "发展规划清晰"): the consortium's own development plan — its main indicators (关键核心任务、
 * 技术攻关计划、资金投入安排、成果验收考核) and the milestones it commits to. The milestones are what BJC-F1 funds
 * stage by stage: their names, planned dates, acceptance indicators and shares of the support come from the
 * consortium, not from a fixed schedule of the department.
 */
final class DevelopmentPlan {

  static final String RULE = "BJC-P2";
  static final String MILESTONES = "planMilestones";
  // A plan is a handful of stages; the bound keeps the plan readable and its history row small.
  static final int MAX_MILESTONES = 12;

  /** One milestone of the plan and its share of the total support (percent). */
  record Milestone(String name, LocalDate plannedDate, String indicator, int sharePercent) {}

  /** The plan's main indicators: form field, Chinese label, English label. */
  private static final List<String[]> INDICATORS = List.of(
      new String[] {"planKeyTasks", "关键核心任务", "the key core tasks"},
      new String[] {"planResearchSchedule", "技术攻关计划", "the research plan"},
      new String[] {"planFundingArrangement", "资金投入安排", "the funding arrangement"},
      new String[] {"planAcceptanceIndicators", "成果验收考核指标", "the acceptance indicators"},
      new String[] {"planLayout", "知识产权、人才培养、品牌建设、推广应用等方面的布局",
          "the layout for IP, talent, brand and application"});

  private DevelopmentPlan() {}

  /** Every missing indicator and every faulty milestone row, each named; the milestones when all are sound. */
  static List<Milestone> check(Map<String, Object> values, LocalDate today, List<RuleViolation> violations) {
    for (String[] indicator : INDICATORS) {
      if (VariableValues.text(values.get(indicator[0])).isEmpty()) {
        violations.add(new RuleViolation(RULE, indicator[0], "发展规划须明确" + indicator[1],
            "The development plan must set out " + indicator[2]));
      }
    }
    List<Map<String, Object>> rows = VariableValues.rows(values.get(MILESTONES));
    List<Milestone> milestones = new ArrayList<>();
    int before = violations.size();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      String name = VariableValues.text(row.get("milestoneName"));
      String indicator = VariableValues.text(row.get("milestoneIndicator"));
      if (name.isEmpty() && indicator.isEmpty() && VariableValues.text(row.get("milestoneDate")).isEmpty()) {
        continue;
      }
      String where = "第" + (i + 1) + "个里程碑";
      String whereEn = "Milestone " + (i + 1);
      LocalDate date = date(row.get("milestoneDate"));
      Integer share = share(row.get("milestoneSharePercent"));
      if (name.isEmpty() || indicator.isEmpty()) {
        violations.add(new RuleViolation(RULE, MILESTONES, where + "须填写名称和考核指标",
            whereEn + " needs a name and its acceptance indicator"));
      }
      if (date == null || !date.isAfter(today)) {
        violations.add(new RuleViolation(RULE, MILESTONES, where + "须填写晚于今天的计划完成日期（yyyy-MM-dd）",
            whereEn + " needs a planned date (yyyy-MM-dd) after today"));
      } else if (!milestones.isEmpty() && !date.isAfter(milestones.get(milestones.size() - 1).plannedDate())) {
        violations.add(new RuleViolation(RULE, MILESTONES, where + "的计划完成日期须晚于上一个里程碑",
            whereEn + " must be planned after the previous one"));
      }
      if (share == null || share < 1 || share > 100) {
        violations.add(new RuleViolation(RULE, MILESTONES, where + "的拨付比例须为1至100之间的整数（%）",
            whereEn + " needs a share of 1 to 100 percent"));
      }
      if (violations.size() == before) {
        milestones.add(new Milestone(name, date, indicator, share));
      }
    }
    if (rows.stream().allMatch(r -> VariableValues.text(r.get("milestoneName")).isEmpty())) {
      violations.add(new RuleViolation(RULE, MILESTONES, "发展规划须列明至少一个里程碑及其考核指标，作为分阶段拨付的依据",
          "The plan must list at least one milestone with its indicator: funding is released by milestone"));
    } else if (rows.size() > MAX_MILESTONES) {
      violations.add(new RuleViolation(RULE, MILESTONES, "里程碑不超过" + MAX_MILESTONES + "个",
          "At most " + MAX_MILESTONES + " milestones"));
    } else if (violations.size() == before && milestones.stream().mapToInt(Milestone::sharePercent).sum() != 100) {
      violations.add(new RuleViolation(RULE, MILESTONES, "各里程碑拨付比例之和须为100%，现为"
          + milestones.stream().mapToInt(Milestone::sharePercent).sum() + "%",
          "The milestone shares must add up to 100 percent"));
    }
    return violations.size() == before ? milestones : List.of();
  }

  /** The funding plan of BJC-F1: each milestone with its amount of the total support (万元, 2 decimals). */
  static List<Map<String, Object>> fundingPlan(List<Milestone> milestones, BigDecimal total) {
    List<Map<String, Object>> plan = new ArrayList<>();
    for (Milestone milestone : milestones) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", milestone.name());
      stage.put("plannedDate", milestone.plannedDate().toString());
      stage.put("indicator", milestone.indicator());
      stage.put("sharePercent", milestone.sharePercent());
      stage.put("amount", total.multiply(BigDecimal.valueOf(milestone.sharePercent()))
          .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP).doubleValue());
      plan.add(stage);
    }
    return plan;
  }

  private static LocalDate date(Object value) {
    String text = VariableValues.text(value);
    try {
      return text.isEmpty() ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Integer share(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue() : null;
    }
    try {
      return Integer.valueOf(VariableValues.text(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
