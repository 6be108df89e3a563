package org.policyflow.benchmark;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives the programme in simulated time with the job executor doing the timer and async work as in
 * production: the driver plays the people (completes the tasks in front of them, while the executor runs
 * what their completions start), waits until the executor has nothing executable left, and only then
 * moves the engine clock to the next timer's due date, which the executor then acquires by itself.
 * Every wait is bounded.
 */
final class ExecutorDrivenSimulation {

  /** No single wait for the executor may take longer than this; a stuck job fails the benchmark. */
  static final long IDLE_TIMEOUT_MILLIS = 300_000;

  private final TaskService taskService;
  private final ManagementService managementService;
  private final PeopleSubmissions people;
  private final Map<String, Function<Task, Map<String, Object>>> answers = new HashMap<>();
  private int tasksCompleted;
  private int clockMoves;
  private int conflicts;
  private long idleWaitNanos;

  ExecutorDrivenSimulation(ProcessEngine engine, PeopleSubmissions people) {
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.people = people;
  }

  /** The answer is the completion's variables; a function may complete the task itself and return null. */
  ExecutorDrivenSimulation answer(String taskDefinitionKey, Function<Task, Map<String, Object>> answer) {
    answers.put(taskDefinitionKey, answer);
    return this;
  }

  ExecutorDrivenSimulation answer(String taskDefinitionKey, Map<String, Object> variables) {
    return answer(taskDefinitionKey, task -> variables);
  }

  /** Works and lets time pass until nothing remains before {@code until}; the clock ends at {@code until}. */
  void runUntil(Date until) {
    for (int round = 0; round < 100_000; round++) {
      awaitIdleExecutor();
      if (completeAnsweredTasks() > 0) {
        continue;
      }
      List<Job> next = managementService.createJobQuery().timers().orderByJobDuedate().asc().listPage(0, 1);
      if (next.isEmpty() || next.get(0).getDuedate().after(until)) {
        ClockUtil.setCurrentTime(until);
        awaitIdleExecutor();
        return;
      }
      ClockUtil.setCurrentTime(next.get(0).getDuedate());
      clockMoves++;
    }
    throw new IllegalStateException("The simulation did not settle");
  }

  /** Waits until no job is due (a job the executor is running stays in the table until it commits). */
  void awaitIdleExecutor() {
    long start = System.nanoTime();
    long deadline = System.currentTimeMillis() + IDLE_TIMEOUT_MILLIS;
    while (dueJobs() > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("The job executor did not finish the due jobs within "
            + IDLE_TIMEOUT_MILLIS + " ms: " + managementService.createJobQuery().executable().listPage(0, 5));
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    idleWaitNanos += System.nanoTime() - start;
  }

  /**
   * What the executor would acquire: due by now, retries left (the scenario suspends nothing). Every job has
   * a due date (DueDateJobAcquisition), so this reads the due-date index; {@code executable()} asks for
   * {@code DUEDATE_ is null or …} and read the whole job table at every poll.
   */
  private long dueJobs() {
    return managementService.createJobQuery().withRetriesLeft()
        .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).count();
  }

  private int completeAnsweredTasks() {
    int done = 0;
    List<Task> open = taskService.createTaskQuery().taskDefinitionKeyIn(answers.keySet().toArray(String[]::new)).list();
    for (Task task : open) {
      Map<String, Object> variables = people.submit(() -> answers.get(task.getTaskDefinitionKey()).apply(task));
      if (variables != null) {
        complete(task, variables);
      }
      done++;
    }
    tasksCompleted += done;
    return done;
  }

  /**
   * People work while the executor runs the jobs their earlier completions created; when both touch the
   * same execution the engine's optimistic locking rolls the person's completion back, and the person
   * (as in Tasklist) submits again. Conflicts are counted.
   */
  private void complete(Task task, Map<String, Object> variables) {
    for (int attempt = 1; ; attempt++) {
      try {
        people.submit(() -> taskService.complete(task.getId(), variables));
        return;
      } catch (OptimisticLockingException concurrentJob) {
        conflicts++;
        if (attempt == 5) {
          throw concurrentJob;
        }
        awaitIdleExecutor();
      }
    }
  }

  int conflicts() {
    return conflicts;
  }

  int tasksHandled() {
    return tasksCompleted;
  }

  int clockMoves() {
    return clockMoves;
  }

  double idleWaitSeconds() {
    return idleWaitNanos / 1e9;
  }
}
