package org.policyflow.consortium.beijing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * BJC-S1 (004 §八1 "纳入“服务包”范围,定期跟踪项目进展、面临问题、需协调解决事项", §三3 项目专员"全程跟进"): every
 * cycle of the operating phase the project commissioner records a follow-up — progress, problems, matters to
 * coordinate and the service-package measures taken for them. Each follow-up task keeps its entries in its own
 * scope (input mappings in the model), so two rounds open at once never share a form; the recorded follow-ups
 * and the overdue ones are lists on the instance, kept with every update in history.
 */
@Configuration
public class FollowUpDelegates {

  static final String RULE = "BJC-S1";
  static final String FOLLOW_UPS = "followUps";
  static final String OVERDUE = "overdueFollowUps";
  static final String TASK = "Task_CommissionerFollowUp";
  private static final String ROUNDS = "followUpRounds";
  private static final String LATEST_OVERDUE = "latestOverdueFollowUpRound";

  /** Create listener of Task_CommissionerFollowUp: numbers the round, in the task's own scope. */
  @Bean("numberConsortiumFollowUp")
  TaskListener numberFollowUp() {
    return task -> {
      DelegateExecution instance = task.getExecution().getProcessInstance();
      int round = number(instance.getVariable(ROUNDS)) + 1;
      instance.setVariable(ROUNDS, round);
      task.getExecution().setVariableLocal("followUpRound", round);
      task.setName("项目专员跟进服务（第" + round + "次）：" + ConsortiumChecks.text(task.getExecution(), "consortiumName"));
    };
  }

  /** Complete listener of Task_CommissionerFollowUp: checks the entries and appends them to {@code followUps}. */
  @Bean("recordConsortiumFollowUp")
  TaskListener recordFollowUp(IdentityService identityService) {
    return task -> {
      DelegateExecution execution = task.getExecution();
      List<RuleViolation> violations = new ArrayList<>();
      LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), RecordSupportDecisionDelegate.CHINA);
      LocalDate date = date(ConsortiumChecks.text(execution, "followUpDate"));
      if (date == null || date.isAfter(today)) {
        violations.add(new RuleViolation(RULE, "followUpDate", "请填写跟进日期（yyyy-MM-dd），不得晚于今天",
            "Enter the date of the follow-up (yyyy-MM-dd), not after today"));
      }
      required(execution, violations, "followUpMethod", "跟进方式", "the way of following up");
      required(execution, violations, "followUpProgress", "项目进展", "the progress of the consortium's work");
      required(execution, violations, "followUpProblems", "面临问题（没有请填“无”）", "the problems met (\"无\" if none)");
      boolean coordination = !ConsortiumChecks.text(execution, "followUpCoordination").isEmpty();
      if (coordination && ConsortiumChecks.text(execution, "servicePackageMeasures").isEmpty()) {
        violations.add(new RuleViolation(RULE, "servicePackageMeasures",
            "有需协调解决事项的，须填写服务包措施（由谁、如何协调解决）",
            "Matters to coordinate need the service-package measures taken for them"));
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("round", execution.getVariableLocal("followUpRound"));
      entry.put("date", date.toString());
      entry.put("method", ConsortiumChecks.text(execution, "followUpMethod"));
      entry.put("progress", ConsortiumChecks.text(execution, "followUpProgress"));
      entry.put("problems", ConsortiumChecks.text(execution, "followUpProblems"));
      entry.put("coordination", ConsortiumChecks.text(execution, "followUpCoordination"));
      entry.put("measures", ConsortiumChecks.text(execution, "servicePackageMeasures"));
      entry.put("recordedBy", RuleExceptions.officer(identityService));
      entry.put("recordedAt", ClockUtil.getCurrentTime().toInstant().toString());
      entry.put("late", task.getDueDate() != null && ClockUtil.getCurrentTime().after(task.getDueDate()));
      MilestoneFundingDelegates.append(execution.getProcessInstance(), FOLLOW_UPS, entry);
    };
  }

  /**
   * Task_FlagOverdueFollowUp, after the follow-up's deadline passed with the task still open: the round goes to
   * {@code overdueFollowUps}, so the overdue follow-up stays visible to bj-sti and in the audit history.
   */
  @Bean("flagOverdueFollowUp")
  JavaDelegate flagOverdueFollowUp(TaskService taskService) {
    return execution -> {
      List<String> flagged = VariableValues.rows(execution.getVariable(OVERDUE)).stream()
          .map(e -> String.valueOf(e.get("round"))).toList();
      // The timer and the due date come from the same period at the task's creation: a minute's margin
      // covers a job that runs the very millisecond the task falls due.
      Date now = new Date(ClockUtil.getCurrentTime().getTime() + 60_000);
      List<Task> open = new ArrayList<>(taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(TASK).dueBefore(now).list());
      open.sort(Comparator.comparing(Task::getCreateTime));
      for (Task task : open) {
        // The round is a variable of the task's own scope execution (input mapping), not of the task.
        Object round = execution.getProcessEngineServices().getRuntimeService()
            .getVariableLocal(task.getExecutionId(), "followUpRound");
        if (flagged.contains(String.valueOf(round))) {
          continue;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("round", round);
        entry.put("dueAt", task.getDueDate().toInstant().toString());
        entry.put("flaggedAt", ClockUtil.getCurrentTime().toInstant().toString());
        entry.put("taskId", task.getId());
        MilestoneFundingDelegates.append(execution.getProcessInstance(), OVERDUE, entry);
        // Read at once by the input mapping of Task_SuperviseOverdueFollowUp, which keeps it as its own.
        execution.getProcessInstance().setVariable(LATEST_OVERDUE, round);
        return;
      }
      execution.getProcessInstance().setVariable(LATEST_OVERDUE, null);
    };
  }

  private static void required(DelegateExecution execution, List<RuleViolation> violations, String field, String zh,
      String en) {
    if (ConsortiumChecks.text(execution, field).isEmpty()) {
      violations.add(new RuleViolation(RULE, field, "项目专员跟进须填写" + zh, "The follow-up must record " + en));
    }
  }

  private static int number(Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }

  private static LocalDate date(String text) {
    try {
      return text.isEmpty() ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
