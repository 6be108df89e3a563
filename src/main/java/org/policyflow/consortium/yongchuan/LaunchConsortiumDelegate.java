package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Task_LaunchConsortium of yc-consortium (启动建设, 002 §四(三)): YCC-N1 the name follows the configured pattern
 * 重庆市永川区×××创新联合体; the five-year goal is split into one stage per construction year. The launch
 * instant fixes the calendar years of operation (see {@link YcSchedule}).
 */
@Component("launchYcConsortium")
public class LaunchConsortiumDelegate implements JavaDelegate {

  private final YcConsortiumProperties properties;
  private final YcSchedule schedule;
  private final IdentityService identityService;

  public LaunchConsortiumDelegate(YcConsortiumProperties properties, YcSchedule schedule, IdentityService identityService) {
    this.properties = properties;
    this.schedule = schedule;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    String name = YcRules.text(execution, "consortiumName");
    Matcher matcher = Pattern.compile(properties.namePattern()).matcher(name);
    if (!matcher.matches() || (matcher.groupCount() > 0 && matcher.group(1).isBlank())) {
      violations.add(new RuleViolation("YCC-N1", "consortiumName", "名称须为“" + properties.nameExample() + "”的形式",
          "The name must follow the pattern " + properties.nameExample()));
    }
    YcRules.required(execution, violations, "fiveYearGoal", "五年建设发展目标", "The five-year goal");
    List<String> stages = VariableValues.rows(execution.getVariable("yearlyGoals")).stream()
        .map(r -> VariableValues.text(r.get("goal"))).toList();
    if (stages.size() != properties.constructionYears() || stages.stream().anyMatch(String::isEmpty)) {
      violations.add(new RuleViolation("YCC-N1", "yearlyGoals", "五年目标须分解为" + properties.constructionYears()
          + "个年度阶段目标，每年一项", "The goal must be split into " + properties.constructionYears() + " yearly stages"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    java.util.Date launchedAt = ClockUtil.getCurrentTime();
    List<Integer> years = schedule.operatingYears(launchedAt);
    List<Map<String, Object>> plan = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("yearNumber", i + 1);
      stage.put("calendarYear", years.get(i));
      stage.put("goal", stages.get(i));
      plan.add(stage);
    }
    execution.setVariable("launchedAt", launchedAt);
    execution.setVariable("launchedBy", YcRules.officer(identityService));
    execution.setVariable("launched", true);
    execution.setVariable("yearlyStages", plan);
    execution.setVariable("operatingYears", years);
    execution.setVariable("consortiumTerminated", false);
  }

  /** The stage goal of a calendar year, for the yearly instance ("" after the construction period). */
  public static String goalOf(Object yearlyStages, int calendarYear) {
    return VariableValues.rows(yearlyStages).stream()
        .filter(s -> s.get("calendarYear") instanceof Number n && n.intValue() == calendarYear)
        .map(s -> VariableValues.text(s.get("goal"))).findFirst().orElse("");
  }
}
