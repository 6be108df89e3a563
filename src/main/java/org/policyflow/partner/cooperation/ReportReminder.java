package org.policyflow.partner.cooperation;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 提醒报送年度发展情况 (TZP-C2): there is no e-mail yet, so the reminder is what the partner sees in its
 * task list: the report task moves up (priority) and carries a dated comment; the moment is recorded.
 */
@Component("reportReminder")
public class ReportReminder implements JavaDelegate {

  static final int REMINDED_PRIORITY = 80;

  private final TaskService taskService;

  public ReportReminder(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date now = ClockUtil.getCurrentTime();
    Date due = (Date) execution.getVariable("reportDueAt");
    SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
    day.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
    // The due instant is 24:00 of the anniversary: the last day to report is the day before it.
    String lastDay = day.format(new Date(due.getTime() - 1));
    for (Task report : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey("Task_SubmitAnnualReport").list()) {
      report.setPriority(Math.max(report.getPriority(), REMINDED_PRIORITY));
      taskService.saveTask(report);
      taskService.createComment(report.getId(), execution.getProcessInstanceId(),
          "提醒：第" + execution.getVariable("cooperationYear") + "合作年度发展情况报告须于 " + lastDay
              + " 前报送（TZP-C2）。 Reminder: the progress report of cooperation year "
              + execution.getVariable("cooperationYear") + " is due by " + lastDay + ".");
    }
    execution.setVariable("reminderSentAt", now);
  }
}
