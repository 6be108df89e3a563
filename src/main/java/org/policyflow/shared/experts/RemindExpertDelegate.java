package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * Task_RemindExpert of expert-review (the reminder before the review deadline): the expert's open task is
 * marked urgent with a follow-up date of today, so it tops the expert's Tasklist, and the reminder is
 * recorded in {@code reviewReminders}.
 */
@Component("remindExpert")
public class RemindExpertDelegate implements JavaDelegate {

  static final int URGENT_PRIORITY = 90;
  private final TaskService taskService;
  private final SystemAccess system;

  public RemindExpertDelegate(TaskService taskService, SystemAccess system) {
    this.taskService = taskService;
    this.system = system;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String expert = (String) execution.getVariable("expert");
    system.run(() -> {
      for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey("Task_ScoreApplication").taskAssignee(expert).list()) {
        task.setPriority(URGENT_PRIORITY);
        task.setFollowUpDate(ClockUtil.getCurrentTime());
        taskService.saveTask(task);
        Map<String, Object> reminder = new LinkedHashMap<>();
        reminder.put("expert", expert);
        reminder.put("taskId", task.getId());
        reminder.put("dueDate", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
        reminder.put("remindedAt", ClockUtil.getCurrentTime().toInstant().toString());
        List<Object> reminders = new ArrayList<>(VariableValues.list(execution.getVariable("reviewReminders")));
        reminders.add(reminder);
        execution.getProcessInstance().setVariable("reviewReminders", reminders);
      }
    });
  }
}
