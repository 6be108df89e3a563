package org.policyflow.platform.reminders;

import java.time.Duration;
import java.util.Date;
import java.util.function.Supplier;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Engine timers that remind the people of a user task: one at due date − lead ("due soon"), one at
 * the due date ("overdue"). Scheduled by {@link #scheduler()} when the task is created, run by the
 * job executor like any timer (retries, incidents, Cockpit), so there is no polling of tasks.
 *
 * <p>Why timers created on task creation rather than BPMN timeout task listeners or boundary timers:
 * a timeout listener's timer is created when the activity starts, before the task and its due date
 * exist, so it cannot be relative to the due date the task ends up with (PnWD, date variables);
 * boundary timers would have to be added to every model by hand. The timer is bound to the task's
 * execution, so it disappears with the process instance.
 */
public class TaskReminderJobHandler implements JobHandler<TaskReminderJobHandler.Configuration> {

  public static final String TYPE = "policyflow-task-reminder";

  private final Duration lead;
  private final Supplier<ReminderNotifier> notifier;

  public TaskReminderJobHandler(Duration lead, Supplier<ReminderNotifier> notifier) {
    this.lead = lead;
    this.notifier = notifier;
  }

  /** The create listener that schedules both reminders of a task that has a due date. */
  public TaskListener scheduler() {
    return task -> {
      if (task.getDueDate() == null) {
        return;
      }
      Date now = ClockUtil.getCurrentTime();
      Date dueSoon = new Date(task.getDueDate().getTime() - lead.toMillis());
      if (dueSoon.after(now)) {
        schedule(task.getId(), task.getTenantId(), Reminder.Kind.DUE_SOON, dueSoon);
      }
      schedule(task.getId(), task.getTenantId(), Reminder.Kind.OVERDUE,
          task.getDueDate());
    };
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Configuration configuration, ExecutionEntity execution, CommandContext commandContext,
      String tenantId) {
    ProcessEngineConfigurationImpl engine = commandContext.getProcessEngineConfiguration();
    TaskService tasks = engine.getTaskService();
    // By primary key: most reminders fall due after their task is done, and the engine's task query
    // assembles Tasklist's whole dynamic statement for this one id on every run.
    TaskEntity task = commandContext.getTaskManager().findTaskById(configuration.taskId());
    if (task == null || task.getDueDate() == null || !processStillThere(commandContext, task)) {
      // Completed, deleted, or its due date was removed: nobody needs telling.
      return;
    }
    Date moment = configuration.kind() == Reminder.Kind.OVERDUE
        ? task.getDueDate() : new Date(task.getDueDate().getTime() - lead.toMillis());
    if (ClockUtil.getCurrentTime().before(moment)) {
      // Someone moved the due date later in Tasklist: remind at the new moment instead.
      schedule(task.getId(), tenantId, configuration.kind(), moment);
      return;
    }
    Reminder reminder = notifier.get().remind(task, tasks.getIdentityLinksForTask(task.getId()),
        configuration.kind(), engine.getIdentityService());
    String delivery = reminder.mailed() ? "已发送邮件 / e-mailed" : "未发送邮件（邮件提醒未启用或无地址） / not e-mailed";
    tasks.createComment(task.getId(), task.getProcessInstanceId(),
        "【" + configuration.kind().chinese() + "提醒 / " + configuration.kind().english() + " reminder】"
            + "通知对象 / recipients: " + (reminder.recipients().isEmpty() ? "-" : String.join(", ", reminder.recipients()))
            + "；" + delivery);
  }

  /**
   * Reads the task's execution and process instance now, before the recipients are looked up and mail is
   * sent, so that the comment below finds them in this command's cache. The job executor can run a reminder
   * while someone completes its task: read later, the execution tree could be gone or pruned half-way
   * through, and the engine's comment command then failed with a NullPointerException (a stack trace in the
   * log and a retry) instead of the retry finding the task done.
   */
  private static boolean processStillThere(CommandContext commandContext, TaskEntity task) {
    if (task.getExecutionId() == null) {
      return true; // a task created outside any process
    }
    ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(task.getProcessInstanceId());
    ExecutionEntity execution = commandContext.getExecutionManager().findExecutionById(task.getExecutionId());
    return instance != null && execution != null
        && (execution.isProcessInstanceExecution() || execution.getProcessInstance() != null);
  }

  private static void schedule(String taskId, String tenantId, Reminder.Kind kind,
      Date moment) {
    TimerEntity timer = new TimerEntity();
    timer.setJobHandlerType(TYPE);
    timer.setJobHandlerConfiguration(new Configuration(taskId, kind));
    timer.setDuedate(moment);
    timer.setTenantId(tenantId);
    // Not attached to the task's execution: a reminder is not a step of the process, so it neither shows
    // among the instance's jobs nor disappears mid-way for code that walks them; when it falls due after
    // the task is gone it does nothing.
    Context.getCommandContext().getJobManager().schedule(timer);
  }

  @Override
  public Configuration newConfiguration(String canonicalString) {
    int separator = canonicalString.lastIndexOf('|');
    return new Configuration(canonicalString.substring(0, separator),
        Reminder.Kind.valueOf(canonicalString.substring(separator + 1)));
  }

  @Override
  public void onDelete(Configuration configuration, JobEntity jobEntity) {
    // Nothing was reserved for the reminder.
  }

  /** Which task, which reminder. */
  public record Configuration(String taskId, Reminder.Kind kind) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return taskId + "|" + kind.name();
    }
  }
}
