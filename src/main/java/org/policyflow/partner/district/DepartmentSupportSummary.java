package org.policyflow.partner.district;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * 汇总部门诉求办理情况 (DST-A1): before the yearly evaluation, the facts it rests on — per department, the
 * partners' requests it handled in the year, follow-up rounds, answers after the deadline, supervisions by
 * the commission and dissatisfied partners — read from the history of partner-service-request, with the
 * visits and meetings of the year. The evaluator sees them on the form and rates each department.
 */
@Component("departmentSupportSummary")
public class DepartmentSupportSummary implements JavaDelegate {

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public DepartmentSupportSummary(HistoryService historyService, IdentityService identityService, SystemAccess system) {
    this.historyService = historyService;
    this.identityService = identityService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = ((Number) execution.getVariable("supportYear")).intValue();
    Map<String, Map<String, Object>> byDepartment = system.call(() -> summarise(year));
    List<Map<String, Object>> summary = new ArrayList<>(byDepartment.values());
    List<Map<String, Object>> ratings = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> row : summary) {
      text.append(row.get("departmentName")).append("：办理诉求 ").append(row.get("requests")).append(" 件，办理（含跟进）")
          .append(row.get("rounds")).append(" 次，其中逾期 ").append(row.get("overdueRounds")).append(" 次；被督办 ")
          .append(row.get("supervisions")).append(" 次；创新伙伴不满意 ").append(row.get("dissatisfied")).append(" 次。\n");
      Map<String, Object> rating = new LinkedHashMap<>();
      rating.put("departmentName", row.get("departmentName"));
      rating.put("rating", null);
      rating.put("ratingComment", null);
      ratings.add(rating);
    }
    if (summary.isEmpty()) {
      text.append("本年度没有部门办理创新伙伴诉求。\n");
    }
    int visits = DistrictVariables.list(execution, "visits").size();
    int meetings = DistrictVariables.list(execution, "meetings").size();
    List<Map<String, Object>> promotions = DistrictVariables.list(execution, "promotions");
    long withCases = promotions.stream().filter(p -> !String.valueOf(p.getOrDefault("typicalCases", "")).isBlank()).count();
    int missed = DistrictVariables.list(execution, "missedRoutines").size();
    text.append("本年度走访创新伙伴 ").append(visits).append(" 期，举办交流会 ").append(meetings).append(" 期，宣传推介 ")
        .append(promotions.size()).append(" 期（其中报道入选创新伙伴典型案例 ").append(withCases).append(" 期），未按期开展 ")
        .append(missed).append(" 期（截至考评开始）。");
    execution.setVariable("departmentSummary", summary);
    execution.setVariable("departmentSummaryText", text.toString());
    execution.setVariable("departmentRatings", ratings);
  }

  private Map<String, Map<String, Object>> summarise(int year) {
    Date from = Date.from(LocalDate.of(year, 1, 1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
    Date to = Date.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
    List<HistoricProcessInstance> requests = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-service-request").startedAfter(from).startedBefore(to).list();
    Map<String, Map<String, Object>> byDepartment = new TreeMap<>();
    if (requests.isEmpty()) {
      return byDepartment;
    }
    Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(requests.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn("handlingRounds", "supervisions").list()
        .forEach((HistoricVariableInstance v) -> variables.computeIfAbsent(v.getProcessInstanceId(), k -> new LinkedHashMap<>())
            .put(v.getName(), v.getValue()));
    for (Map<String, Object> vars : variables.values()) {
      List<String> seen = new ArrayList<>();
      for (Map<?, ?> round : rows(vars.get("handlingRounds"))) {
        Map<String, Object> row = row(byDepartment, (String) round.get("handlingGroup"));
        if (!seen.contains(round.get("handlingGroup"))) {
          seen.add((String) round.get("handlingGroup"));
          add(row, "requests");
        }
        add(row, "rounds");
        if (Boolean.TRUE.equals(round.get("overdue"))) {
          add(row, "overdueRounds");
        }
        if ("dissatisfied".equals(round.get("satisfaction"))) {
          add(row, "dissatisfied");
        }
      }
      for (Map<?, ?> supervision : rows(vars.get("supervisions"))) {
        add(row(byDepartment, (String) supervision.get("handlingGroup")), "supervisions");
      }
    }
    return byDepartment;
  }

  private Map<String, Object> row(Map<String, Map<String, Object>> byDepartment, String group) {
    return byDepartment.computeIfAbsent(group, g -> {
      Map<String, Object> row = new LinkedHashMap<>();
      Group found = identityService.createGroupQuery().groupId(g).singleResult();
      row.put("department", g);
      row.put("departmentName", found == null ? g : found.getName());
      for (String count : List.of("requests", "rounds", "overdueRounds", "supervisions", "dissatisfied")) {
        row.put(count, 0);
      }
      return row;
    });
  }

  private static void add(Map<String, Object> row, String count) {
    row.put(count, ((Integer) row.get(count)) + 1);
  }

  private static List<Map<?, ?>> rows(Object value) {
    List<Map<?, ?>> rows = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> rows.add((Map<?, ?>) item));
    }
    return rows;
  }
}
