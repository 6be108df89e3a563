package org.policyflow.shared.experts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Plays the experts of expert-review instances (also when called from a programme) in tests. */
public final class ExpertReviewDriver {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;

  public ExpertReviewDriver(ProcessEngine engine) {
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
  }

  /** Ids of the root instance and every instance it called, directly or not. */
  public List<String> tree(String rootId) {
    return runtimeService.createProcessInstanceQuery().rootProcessInstanceId(rootId).list().stream()
        .map(ProcessInstance::getId).toList();
  }

  /** Runs the async continuations (not the timers) of the tree until none is left. */
  public void executeAsyncJobs(String rootId) {
    for (int round = 0; round < 50; round++) {
      List<String> instances = tree(rootId);
      List<Job> jobs = instances.isEmpty() ? List.of() : instances.stream()
          .flatMap(id -> managementService.createJobQuery().processInstanceId(id).messages().list().stream()).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new IllegalStateException("async jobs keep coming");
  }

  public List<Task> scoreTasks(String rootId) {
    return tree(rootId).stream().flatMap(id -> taskService.createTaskQuery().processInstanceId(id)
        .taskDefinitionKey("Task_ScoreApplication").list().stream()).toList();
  }

  /**
   * The form's values for an expert who gives every criterion of the review the same score, with a reason
   * wherever that is under the criterion's threshold (EXP-4), the comment and the conflict declaration.
   */
  public Map<String, Object> sheet(Task task, Number score, String comment) {
    Map<String, Object> variables = new HashMap<>();
    int count = ((Number) taskService.getVariable(task.getId(), "criterionCount")).intValue();
    for (int slot = 1; slot <= count; slot++) {
      variables.put("criterion" + slot + "Score", score);
      Number threshold = (Number) taskService.getVariable(task.getId(), "criterion" + slot + "Threshold");
      if (score.doubleValue() < threshold.doubleValue()) {
        variables.put("criterion" + slot + "Reason", "该项论证不充分，未达到单项要求。");
      }
    }
    variables.put("comment", comment);
    variables.put("noConflictOfInterest", true);
    return variables;
  }

  /** The expert completes their own task, authenticated as themself, every criterion scored alike. */
  public void score(Task task, Number score, String comment) {
    complete(task, sheet(task, score, comment));
  }

  /** The expert completes their own task with the given form values. */
  public void complete(Task task, Map<String, Object> variables) {
    identityService.setAuthentication(task.getAssignee(), List.of("experts"));
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Every open expert task of the tree scored alike, then the result evaluated. */
  public void scoreAll(String rootId, Number score) {
    executeAsyncJobs(rootId);
    for (Task task : scoreTasks(rootId)) {
      score(task, score, "技术路线清晰，团队结构合理，建议按计划推进。");
    }
    executeAsyncJobs(rootId);
  }
}
