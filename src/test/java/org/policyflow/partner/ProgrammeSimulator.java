package org.policyflow.partner;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives the programme in simulated time the way its people and the job executor would: everybody
 * completes the tasks in front of them, due jobs run, and when nothing is left to do the engine clock
 * jumps to the next timer. Each task kind is answered by a function of the task.
 */
public final class ProgrammeSimulator {

  private final TaskService taskService;
  private final ManagementService managementService;
  private final Map<String, Function<Task, Map<String, Object>>> answers = new HashMap<>();
  private final Set<String> processKeys;
  private int tasksCompleted;
  private int jobsExecuted;

  /** Only jobs of these processes run: instances other tests left behind are not part of the programme. */
  public ProgrammeSimulator(ProcessEngine engine, Set<String> processKeys) {
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.processKeys = processKeys;
  }

  public ProgrammeSimulator answer(String taskDefinitionKey, Function<Task, Map<String, Object>> answer) {
    answers.put(taskDefinitionKey, answer);
    return this;
  }

  public ProgrammeSimulator answer(String taskDefinitionKey, Map<String, Object> variables) {
    return answer(taskDefinitionKey, task -> variables);
  }

  /** Works and lets time pass until nothing remains or the clock reaches {@code until}. */
  public void runUntil(Date until) {
    for (int round = 0; round < 10_000; round++) {
      if (completeAnsweredTasks() + executeDueJobs() > 0) {
        continue;
      }
      Job next = managementService.createJobQuery().timers().orderByJobDuedate().asc().list().stream()
          .filter(this::belongsToProgramme).findFirst().orElse(null);
      if (next == null || next.getDuedate().after(until)) {
        ClockUtil.setCurrentTime(until);
        return;
      }
      ClockUtil.setCurrentTime(next.getDuedate());
    }
    throw new IllegalStateException("The simulation did not settle");
  }

  private int completeAnsweredTasks() {
    int done = 0;
    List<Task> open = taskService.createTaskQuery().taskDefinitionKeyIn(answers.keySet().toArray(String[]::new)).list();
    for (Task task : open) {
      Map<String, Object> variables = answers.get(task.getTaskDefinitionKey()).apply(task);
      if (variables != null) {
        taskService.complete(task.getId(), variables);
        done++;
      }
    }
    tasksCompleted += done;
    return done;
  }

  private int executeDueJobs() {
    int done = 0;
    for (Job job : managementService.createJobQuery().executable().list()) {
      if (!belongsToProgramme(job)) {
        continue;
      }
      managementService.executeJob(job.getId());
      done++;
    }
    jobsExecuted += done;
    return done;
  }

  private boolean belongsToProgramme(Job job) {
    return job.getProcessDefinitionKey() != null && processKeys.contains(job.getProcessDefinitionKey());
  }

  public int tasksCompleted() {
    return tasksCompleted;
  }

  public int jobsExecuted() {
    return jobsExecuted;
  }
}
