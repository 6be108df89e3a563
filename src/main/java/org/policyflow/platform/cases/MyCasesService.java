package org.policyflow.platform.cases;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Service;

/**
 * 我的申报: an applicant's own cases with their status, the steps now open and their deadlines. Read as
 * the system, because the applicant holds no read right on the tasks of the offices and localities that
 * work on their case; what is read is limited to the caller's own cases ({@link MyCasesProperties}), and
 * of the steps only the name, the office that holds it and the deadline leave the server — no staff
 * member's name, no submitted values, no comments.
 */
@Service
public class MyCasesService {

  /** A case as 我的申报 lists it; dates as ISO offset date-times of the engine's clock zone. */
  public record MyCase(String caseId, String process, String programme, String title, String businessKey,
      String startedAt, String endedAt, String state, String status, List<NextStep> nextSteps) {}

  /**
   * A step open now: a task ({@code taskId} set, {@code yours} when the applicant does it) or a wait for
   * an event, with its deadline where the engine has one.
   */
  public record NextStep(String name, String handler, boolean yours, String taskId, String due, boolean overdue) {}

  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String WITHDRAWN = "withdrawn";
  static final String TERMINATED = "terminated";
  static final String SUSPENDED = "suspended";

  /** Deeper call chains do not occur in the models; the bound guards against a cycle in bad data. */
  private static final int MAX_INSTANCES = 100;

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final MyCasesProperties properties;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final SystemAccess system;

  public MyCasesService(MyCasesProperties properties, HistoryService history, RuntimeService runtime,
      TaskService tasks, ManagementService management, IdentityService identity, SystemAccess system) {
    this.properties = properties;
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
    this.system = system;
  }

  /** The caller's cases: running ones first, then the most recently started. */
  public List<MyCase> casesOf(String userId) {
    return system.call(() -> {
      Map<String, HistoricProcessInstance> found = new LinkedHashMap<>();
      for (MyCasesProperties.CaseProcess process : properties.processes()) {
        var query = history.createHistoricProcessInstanceQuery().processDefinitionKey(process.process());
        if (process.applicantVariable() == null) {
          query.startedBy(userId);
        } else {
          query.variableValueEquals(process.applicantVariable(), userId);
        }
        query.list().forEach(instance -> found.putIfAbsent(instance.getId(), instance));
      }
      Map<String, String> groupNames = new LinkedHashMap<>();
      return found.values().stream()
          .sorted(Comparator.comparing((HistoricProcessInstance i) -> i.getEndTime() != null)
              .thenComparing(HistoricProcessInstance::getStartTime, Comparator.reverseOrder())
              .thenComparing(HistoricProcessInstance::getId))
          .map(instance -> describe(instance, userId, groupNames))
          .toList();
    });
  }

  private MyCase describe(HistoricProcessInstance instance, String userId, Map<String, String> groupNames) {
    String state = state(instance);
    List<String> internal = process(instance).map(MyCasesProperties.CaseProcess::internalTasks).orElse(List.of());
    List<NextStep> steps = instance.getEndTime() == null ? nextSteps(instance.getId(), userId, internal, groupNames)
        : List.of();
    return new MyCase(instance.getId(), instance.getProcessDefinitionKey(), instance.getProcessDefinitionName(),
        title(instance), instance.getBusinessKey(), iso(instance.getStartTime()), iso(instance.getEndTime()), state,
        status(instance, state, steps), steps);
  }

  private static String state(HistoricProcessInstance instance) {
    String state = instance.getState();
    if (HistoricProcessInstance.STATE_COMPLETED.equals(state)) {
      return COMPLETED;
    }
    if (HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(state)) {
      return WITHDRAWN;
    }
    if (HistoricProcessInstance.STATE_INTERNALLY_TERMINATED.equals(state)) {
      return TERMINATED;
    }
    if (HistoricProcessInstance.STATE_SUSPENDED.equals(state)) {
      return SUSPENDED;
    }
    return RUNNING;
  }

  /** One line as the applicant reads it: 办理中 with the current step, or the outcome where it ended. */
  private String status(HistoricProcessInstance instance, String state, List<NextStep> steps) {
    return switch (state) {
      case COMPLETED, TERMINATED -> {
        String end = endEventName(instance.getId());
        yield (COMPLETED.equals(state) ? "已办结" : "已终止") + (end == null ? "" : "：" + end);
      }
      case WITHDRAWN -> "已撤销";
      case SUSPENDED -> "已暂停办理";
      default -> steps.isEmpty() ? "办理中" : "办理中：" + steps.get(0).name();
    };
  }

  /** The name of the end event the case ended at (入选创新伙伴, 属地未推荐 …). */
  private String endEventName(String instanceId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).finished()
        .orderByHistoricActivityInstanceEndTime().desc().list().stream()
        .filter(a -> a.getActivityType() != null && a.getActivityType().toLowerCase().contains("endevent"))
        .map(HistoricActivityInstance::getActivityName)
        .filter(name -> name != null && !name.isBlank())
        .findFirst().orElse(null);
  }

  private Optional<MyCasesProperties.CaseProcess> process(HistoricProcessInstance instance) {
    return properties.processes().stream().filter(p -> p.process().equals(instance.getProcessDefinitionKey()))
        .findFirst();
  }

  private String title(HistoricProcessInstance instance) {
    List<String> names = process(instance).map(MyCasesProperties.CaseProcess::titleVariables).orElse(List.of());
    if (names.isEmpty()) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableNameIn(names.toArray(String[]::new)).list()) {
      values.put(variable.getName(), variable.getValue());
    }
    return names.stream().map(values::get).filter(v -> v instanceof String s && !s.isBlank())
        .map(String::valueOf).findFirst().orElse(null);
  }

  /** Open tasks of the case and of every instance it called; where none is open, what the case waits for. */
  private List<NextStep> nextSteps(String caseInstanceId, String userId, List<String> internal,
      Map<String, String> groupNames) {
    List<String> instances = runningTree(caseInstanceId);
    Date now = ClockUtil.getCurrentTime();
    List<NextStep> steps = new ArrayList<>();
    boolean internalOpen = false;
    for (Task task : tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .orderByDueDate().asc().orderByTaskCreateTime().asc().list()) {
      if (internal.contains(task.getTaskDefinitionKey())) {
        internalOpen = true;
        continue;
      }
      boolean yours = userId.equals(task.getAssignee()) || candidateUser(task, userId);
      steps.add(new NextStep(task.getName(), yours ? "本单位" : handler(task, groupNames), yours, yours ? task.getId() : null,
          iso(task.getDueDate()), task.getDueDate() != null && task.getDueDate().before(now)));
    }
    // While an internal step is open the case is not waiting for an event, whatever else it listens to.
    if (steps.isEmpty() && !internalOpen) {
      for (String instanceId : instances) {
        for (HistoricActivityInstance waiting : history.createHistoricActivityInstanceQuery()
            .processInstanceId(instanceId).unfinished().list()) {
          if (!waits(waiting)) {
            continue;
          }
          Date due = timerDue(instanceId, waiting.getActivityId());
          steps.add(new NextStep("等待：" + waiting.getActivityName(), null, false, null, iso(due),
              due != null && due.before(now)));
        }
      }
    }
    steps.sort(Comparator.comparing(NextStep::due, Comparator.nullsLast(Comparator.naturalOrder())));
    return steps;
  }

  /** Events and receive steps the case waits at; scopes (sub-processes, call activities) are not steps. */
  private static boolean waits(HistoricActivityInstance activity) {
    String type = activity.getActivityType() == null ? "" : activity.getActivityType();
    return activity.getActivityName() != null && !activity.getActivityName().isBlank()
        && (type.startsWith("intermediate") || type.equals("receiveTask") || type.equals("eventBasedGateway"));
  }

  private Date timerDue(String instanceId, String activityId) {
    return management.createJobQuery().processInstanceId(instanceId).activityId(activityId).timers().list().stream()
        .map(Job::getDuedate).filter(d -> d != null).min(Comparator.naturalOrder()).orElse(null);
  }

  private List<String> runningTree(String caseInstanceId) {
    List<String> all = new ArrayList<>(List.of(caseInstanceId));
    for (int i = 0; i < all.size() && all.size() < MAX_INSTANCES; i++) {
      for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(all.get(i)).list()) {
        all.add(called.getId());
      }
    }
    return all;
  }

  private boolean candidateUser(Task task, String userId) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && userId.equals(link.getUserId()));
  }

  /** The offices a task waits with (its candidate groups' names); never a staff member's name. */
  private String handler(Task task, Map<String, String> groupNames) {
    Set<String> names = new LinkedHashSet<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        names.add(groupNames.computeIfAbsent(link.getGroupId(), this::groupName));
      }
    }
    return names.isEmpty() ? "经办人员" : String.join("、", names);
  }

  private String groupName(String groupId) {
    Group group = identity.createGroupQuery().groupId(groupId).singleResult();
    return group == null || group.getName() == null ? groupId : group.getName();
  }

  private static String iso(Date date) {
    return date == null ? null : date.toInstant().atZone(WorkingDayCalendar.ZONE).format(ISO);
  }
}
