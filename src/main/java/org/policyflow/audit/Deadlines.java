package org.policyflow.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * Deadlines across programmes: open tasks with a due date and pending timers (application deadlines,
 * recommendation periods, report dates …), overdue ones and those due within the horizon. Read under the
 * caller's authorizations, limited to the processes whose history they may read.
 */
@Component
public class Deadlines {

  static final int MAX_ITEMS = 500;

  public record Item(String kind, String kindLabel, String name, String processKey, String processName,
      String processInstanceId, String businessKey, Date due, long daysLeft, boolean overdue, String assignee,
      List<String> candidateGroups) {}

  public record Overview(Date now, int horizonDays, List<Item> overdue, List<Item> upcoming) {}

  private final TaskService taskService;
  private final ManagementService managementService;
  private final RepositoryService repositoryService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final AuditCaller caller;

  public Deadlines(TaskService taskService, ManagementService managementService, RepositoryService repositoryService,
      HistoryService historyService, IdentityService identityService, AuditCaller caller) {
    this.taskService = taskService;
    this.managementService = managementService;
    this.repositoryService = repositoryService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.caller = caller;
  }

  public Overview overview(int horizonDays) {
    Map<String, String> processes = caller.readableProcesses();
    Date now = ClockUtil.getCurrentTime();
    Date horizon = Date.from(now.toInstant().plus(Duration.ofDays(horizonDays)));
    List<Item> items = new ArrayList<>();

    List<Task> tasks = taskService.createTaskQuery().active()
        .processDefinitionKeyIn(processes.keySet().toArray(String[]::new)).dueBefore(horizon)
        .orderByDueDate().asc().listPage(0, MAX_ITEMS);
    Set<String> instanceIds = new HashSet<>();
    tasks.forEach(t -> instanceIds.add(t.getProcessInstanceId()));
    // Filtered before the limit: task reminders are timers of no process and must not crowd out the steps.
    List<Job> timers = managementService.createJobQuery().timers().active().duedateLowerThan(horizon)
        .orderByJobDuedate().asc().list().stream()
        .filter(j -> j.getProcessDefinitionKey() != null && processes.containsKey(j.getProcessDefinitionKey()))
        .limit(MAX_ITEMS)
        .toList();
    timers.forEach(j -> instanceIds.add(j.getProcessInstanceId()));
    Map<String, String> businessKeys = new HashMap<>();
    if (!instanceIds.isEmpty()) {
      historyService.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds).list()
          .forEach(i -> businessKeys.put(i.getId(), i.getBusinessKey()));
    }
    Map<String, String> groupNames = new HashMap<>();
    identityService.createGroupQuery().list().forEach(g -> groupNames.put(g.getId(), g.getName()));
    Set<String> assignees = new HashSet<>();
    tasks.forEach(t -> assignees.add(t.getAssignee()));
    Map<String, String> names = caller.userNames(assignees);

    for (Task task : tasks) {
      String key = keyOf(task.getProcessDefinitionId());
      List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
          .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
          .map(IdentityLink::getGroupId).map(g -> groupNames.getOrDefault(g, g)).toList();
      items.add(item("task", "待办任务", task.getName(), key, processes.get(key), task.getProcessInstanceId(),
          businessKeys.get(task.getProcessInstanceId()), task.getDueDate(), now,
          task.getAssignee() == null ? null : names.getOrDefault(task.getAssignee(), task.getAssignee()), groups));
    }
    Map<String, String> timerNames = new HashMap<>();
    for (Job timer : timers) {
      String name = timerNames.computeIfAbsent(timer.getJobDefinitionId() + "|" + timer.getProcessDefinitionId(),
          k -> timerName(timer));
      items.add(item("timer", "定时节点", name, timer.getProcessDefinitionKey(),
          processes.get(timer.getProcessDefinitionKey()), timer.getProcessInstanceId(),
          businessKeys.get(timer.getProcessInstanceId()), timer.getDuedate(), now, null, List.of()));
    }
    items.sort(Comparator.comparing(Item::due));
    return new Overview(now, horizonDays, items.stream().filter(Item::overdue).toList(),
        items.stream().filter(i -> !i.overdue()).toList());
  }

  private String keyOf(String processDefinitionId) {
    return repositoryService.getProcessDefinition(processDefinitionId).getKey();
  }

  /** The timer's element name in the model (a timer job only knows its activity id). */
  private String timerName(Job timer) {
    JobDefinition definition = timer.getJobDefinitionId() == null ? null
        : managementService.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId()).singleResult();
    if (definition == null) {
      return "定时器";
    }
    FlowElement element = repositoryService.getBpmnModelInstance(timer.getProcessDefinitionId())
        .getModelElementById(definition.getActivityId());
    return element != null && element.getName() != null ? element.getName() : definition.getActivityId();
  }

  private static Item item(String kind, String kindLabel, String name, String processKey, String processName,
      String processInstanceId, String businessKey, Date due, Date now, String assignee, List<String> groups) {
    long daysLeft = Math.floorDiv(due.getTime() - now.getTime(), Duration.ofDays(1).toMillis());
    return new Item(kind, kindLabel, name, processKey, processName, processInstanceId, businessKey, due, daysLeft,
        due.before(now), assignee, groups);
  }
}
