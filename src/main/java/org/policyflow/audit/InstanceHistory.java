package org.policyflow.audit;

import org.policyflow.shared.forms.FormLabels;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.policyflow.audit.InstanceSearch.InstanceRow;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Everything an auditor sees of one instance, read from the engine's history under the caller's
 * authorizations: activity counts for the diagram, a timeline of activities and rule decisions, the
 * variables as they were set (with who set them), the user operation log, incidents, and the instances
 * it called and was called by.
 */
@Component
public class InstanceHistory {

  /** Eligibility findings of an application: list of {rule, passed, reasonZh, reasonEn}. */
  static final String FINDINGS = "eligibilityFindings";
  /** Refusals that rolled back a step, kept by RuleRefusalRecorder: list of {rule, field, reasonZh, reasonEn, activityId, user, at}. */
  static final String REFUSALS = "ruleRefusals";
  static final int MAX_VALUE_LENGTH = 2000;

  public record Person(String id, String name) {}

  public record Link(String id, String processKey, String processName, String businessKey, String stateLabel,
      String activityId, String activityName) {}

  public record TimelineEntry(String kind, Date time, Date end, Long durationMs, String activityId, String name,
      String type, String typeLabel, boolean canceled, Person assignee, Person completedBy,
      String calledProcessInstanceId, String rule, Boolean passed, String reasonZh, String reasonEn,
      String field, Person actor) {}

  /**
   * label / valueLabel: the variable's form label and the value as the form showed it (null when none);
   * unchanged: the same value as the variable's previous revision, i.e. re-recorded rather than changed
   * (a read-only form field submitted again).
   */
  public record VariableChange(Date time, String name, String label, String type, String value, String valueLabel,
      boolean unchanged, int revision, String context, Person by) {}

  /** sentence: the whole operation in words, on every entry of the operation (operationId). */
  public record Operation(Date time, String operationId, String operationType, String operationLabel, String entityType,
      String property, String orgValue, String newValue, Person user, String taskId, String annotation,
      String sentence) {}

  public record Incident(Date created, Date ended, String state, String type, String activityId,
      String activityName, String message) {}

  public record History(InstanceRow instance, Link calledBy, List<Link> called, Map<String, Long> activityCounts,
      List<String> activeActivityIds, List<String> takenFlowIds, List<TimelineEntry> timeline, List<VariableChange> variables,
      List<Operation> operations, List<Incident> incidents) {}

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final InstanceSearch search;
  private final AuditCaller caller;
  private final FormLabels formLabels;
  private final SystemAccess systemAccess;
  private final ObjectMapper json = new ObjectMapper();

  public InstanceHistory(HistoryService historyService, RepositoryService repositoryService, InstanceSearch search,
      AuditCaller caller, FormLabels formLabels, SystemAccess systemAccess) {
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.search = search;
    this.caller = caller;
    this.formLabels = formLabels;
    this.systemAccess = systemAccess;
  }

  public InstanceRow require(String processInstanceId) {
    caller.readableProcesses();
    InstanceRow instance = search.row(processInstanceId);
    if (instance == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "流程实例不存在或无权查看 / instance not found or not visible");
    }
    return instance;
  }

  public String diagram(String processInstanceId) {
    InstanceRow instance = require(processInstanceId);
    try (InputStream model = repositoryService.getProcessModel(instance.processDefinitionId())) {
      return new String(model.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "model unreadable", e);
    }
  }

  public History history(String processInstanceId) {
    InstanceRow instance = require(processInstanceId);
    String id = instance.id();

    List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(id).orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc().list();
    Map<String, String> activityNames = new HashMap<>();
    Map<String, String> activityTypes = new HashMap<>();
    Map<String, String> activityOfInstance = new HashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> active = new ArrayList<>();
    for (HistoricActivityInstance activity : activities) {
      activityNames.putIfAbsent(activity.getActivityId(), activity.getActivityName());
      activityTypes.putIfAbsent(activity.getActivityId(), activity.getActivityType());
      activityOfInstance.put(activity.getId(), activity.getActivityId());
      if (!activity.getActivityType().equals("multiInstanceBody")) {
        counts.merge(activity.getActivityId(), 1L, Long::sum);
        if (activity.getEndTime() == null) {
          active.add(activity.getActivityId());
        }
      }
    }

    List<UserOperationLogEntry> log = historyService.createUserOperationLogQuery().processInstanceId(id)
        .orderByTimestamp().asc().list();
    Map<String, HistoricTaskInstance> tasks = new HashMap<>();
    historyService.createHistoricTaskInstanceQuery().processInstanceId(id).list()
        .forEach(t -> tasks.put(t.getId(), t));
    List<HistoricDetail> details = variableUpdates(id);

    Set<String> userIds = new HashSet<>();
    log.forEach(e -> userIds.add(e.getUserId()));
    // Assign and delegate name the new assignee: the sentence shows that person's name too.
    log.stream().filter(e -> UserOperationLogEntry.OPERATION_TYPE_ASSIGN.equals(e.getOperationType())
        || UserOperationLogEntry.OPERATION_TYPE_DELEGATE.equals(e.getOperationType())).forEach(e -> userIds.add(e.getNewValue()));
    tasks.values().forEach(t -> userIds.add(t.getAssignee()));
    List<Map<String, Object>> refusals = latestList(details, REFUSALS);
    refusals.forEach(r -> userIds.add(string(r.get("user"))));
    Map<String, String> names = caller.userNames(userIds);

    Map<String, String> completedBy = new HashMap<>();
    Map<String, String> userOfOperation = new HashMap<>();
    for (UserOperationLogEntry entry : log) {
      if (entry.getOperationId() != null && entry.getUserId() != null) {
        userOfOperation.putIfAbsent(entry.getOperationId(), entry.getUserId());
      }
      if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()) && entry.getTaskId() != null
          && entry.getUserId() != null) {
        completedBy.put(entry.getTaskId(), entry.getUserId());
      }
    }

    List<TimelineEntry> timeline = new ArrayList<>();
    for (HistoricActivityInstance activity : activities) {
      HistoricTaskInstance task = activity.getTaskId() == null ? null : tasks.get(activity.getTaskId());
      Person assignee = task == null ? null : person(task.getAssignee(), names);
      Person completer = null;
      if (task != null && "completed".equals(task.getDeleteReason())) {
        completer = person(completedBy.getOrDefault(task.getId(), task.getAssignee()), names);
      }
      timeline.add(new TimelineEntry("activity", activity.getStartTime(), activity.getEndTime(),
          activity.getDurationInMillis(), activity.getActivityId(), activity.getActivityName(),
          activity.getActivityType(), ActivityLabels.type(activity.getActivityType()), activity.isCanceled(),
          assignee, completer, activity.getCalledProcessInstanceId(), null, null, null, null, null, null));
    }
    // A refused step was rolled back and left no activity instance: its name comes from the model.
    Map<String, String> elementNames = new HashMap<>(activityNames);
    repositoryService.getBpmnModelInstance(instance.processDefinitionId()).getModelElementsByType(FlowElement.class)
        .forEach(e -> { if (e.getName() != null) elementNames.putIfAbsent(e.getId(), e.getName()); });
    timeline.addAll(ruleDecisions(details, refusals, activityOfInstance, elementNames, names));
    timeline.sort(Comparator.comparing(TimelineEntry::time, Comparator.nullsLast(Comparator.naturalOrder())));

    List<VariableChange> variables = new ArrayList<>();
    Map<String, String> previous = new HashMap<>();
    for (HistoricDetail detail : details) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      String by = detail.getUserOperationId() == null ? null : userOfOperation.get(detail.getUserOperationId());
      String name = update.getVariableName();
      String value = display(update.getTypedValue());
      // Keyed by variable instance: a local variable of the same name is a different variable.
      String variableKey = update.getVariableInstanceId();
      boolean unchanged = previous.containsKey(variableKey) && Objects.equals(previous.get(variableKey), value);
      previous.put(variableKey, value);
      variables.add(new VariableChange(detail.getTime(), name, formLabels.label(name), update.getTypeName(), value,
          formLabels.valueLabel(name, value), unchanged, update.getRevision(),
          context(detail, tasks, activityOfInstance, activityNames, activityTypes, id), by == null ? null : person(by, names)));
    }

    List<Operation> operations = log.stream().map(e -> new Operation(e.getTimestamp(), e.getOperationId(),
        e.getOperationType(), ActivityLabels.operation(e.getOperationType()), e.getEntityType(), e.getProperty(),
        e.getOrgValue(), e.getNewValue(), person(e.getUserId(), names), e.getTaskId(), e.getAnnotation(),
        OperationSentences.sentence(e, userId -> names.getOrDefault(userId, userId),
            e.getTaskId() != null && tasks.containsKey(e.getTaskId()) ? tasks.get(e.getTaskId()).getName() : null)))
        .toList();

    List<Incident> incidents = new ArrayList<>();
    for (HistoricIncident incident : historyService.createHistoricIncidentQuery().processInstanceId(id)
        .orderByCreateTime().asc().list()) {
      incidents.add(new Incident(incident.getCreateTime(), incident.getEndTime(),
          incident.isOpen() ? "未解决" : incident.isResolved() ? "已解决" : "已删除", incident.getIncidentType(),
          incident.getActivityId(), activityNames.get(incident.getActivityId()), incident.getIncidentMessage()));
    }

    return new History(instance, calledBy(instance), called(id, activities), counts, active,
        takenFlows(instance.processDefinitionId(), activities), timeline, variables, operations, incidents);
  }

  /**
   * The instance's variable updates, oldest first. {@link #require} has already let the caller in through
   * READ_HISTORY on the process (revokes included), which is all the engine's own check of these rows asks
   * for. The engine's check joins the task history with an OR condition that H2 cannot serve from an index:
   * with ten years of history it read the whole task table for every update, seconds per instance
   * (docs/history.md, "Instance history"). So the query runs without that second check.
   */
  private List<HistoricDetail> variableUpdates(String processInstanceId) {
    return systemAccess.call(() -> historyService.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().disableCustomObjectDeserialization().orderByTime().asc().list());
  }

  /**
   * The sequence flows the instance took. History records activities, not flows: a flow counts as taken
   * when an instance of its target started within {@link #SAME_STEP_MILLIS} after an instance of its source
   * ended (the engine passes a flow inside one transaction). A target entered with no such flow (after an
   * asynchronous continuation, for instance) marks every incoming flow whose source was entered.
   */
  private List<String> takenFlows(String processDefinitionId, List<HistoricActivityInstance> activities) {
    Map<String, List<HistoricActivityInstance>> byActivity = new HashMap<>();
    activities.forEach(a -> byActivity.computeIfAbsent(a.getActivityId(), k -> new ArrayList<>()).add(a));
    Map<String, List<SequenceFlow>> incoming = new HashMap<>();
    for (SequenceFlow flow : repositoryService.getBpmnModelInstance(processDefinitionId)
        .getModelElementsByType(SequenceFlow.class)) {
      incoming.computeIfAbsent(flow.getTarget().getId(), k -> new ArrayList<>()).add(flow);
    }
    List<String> taken = new ArrayList<>();
    incoming.forEach((target, flows) -> {
      List<HistoricActivityInstance> entered = byActivity.getOrDefault(target, List.of());
      if (entered.isEmpty()) {
        return;
      }
      List<String> timed = flows.stream().filter(flow -> byActivity.getOrDefault(flow.getSource().getId(), List.of())
          .stream().anyMatch(source -> entered.stream().anyMatch(t -> sameStep(source, t)))).map(SequenceFlow::getId).toList();
      taken.addAll(!timed.isEmpty() ? timed : flows.stream()
          .filter(flow -> byActivity.containsKey(flow.getSource().getId())).map(SequenceFlow::getId).toList());
    });
    return taken;
  }

  static final long SAME_STEP_MILLIS = 100;

  private static boolean sameStep(HistoricActivityInstance source, HistoricActivityInstance target) {
    if (source.getEndTime() == null || target.getStartTime() == null) {
      return false;
    }
    long gap = target.getStartTime().getTime() - source.getEndTime().getTime();
    return gap >= 0 && gap <= SAME_STEP_MILLIS;
  }

  private Link calledBy(InstanceRow instance) {
    if (instance.superProcessInstanceId() == null) {
      return null;
    }
    InstanceRow parent = search.row(instance.superProcessInstanceId());
    if (parent == null) {
      return new Link(instance.superProcessInstanceId(), null, null, null, null, null, null);
    }
    HistoricActivityInstance callActivity = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(parent.id()).activityType("callActivity").list().stream()
        .filter(a -> instance.id().equals(a.getCalledProcessInstanceId())).findFirst().orElse(null);
    return link(parent, callActivity);
  }

  private List<Link> called(String id, List<HistoricActivityInstance> activities) {
    List<Link> links = new ArrayList<>();
    List<InstanceRow> children = search.rows(historyService.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(id).orderByProcessInstanceStartTime().asc().list());
    for (InstanceRow child : children) {
      HistoricActivityInstance callActivity = activities.stream()
          .filter(a -> child.id().equals(a.getCalledProcessInstanceId())).findFirst().orElse(null);
      links.add(link(child, callActivity));
    }
    return links;
  }

  private static Link link(InstanceRow row, HistoricActivityInstance callActivity) {
    return new Link(row.id(), row.processKey(), row.processName(), row.businessKey(), row.stateLabel(),
        callActivity == null ? null : callActivity.getActivityId(),
        callActivity == null ? null : callActivity.getActivityName());
  }

  /**
   * Rule decisions on the timeline: each eligibility finding where it was made, and each refusal that
   * rolled a step back (the step itself leaves no activity instance, so the refusal is its only trace).
   */
  private List<TimelineEntry> ruleDecisions(List<HistoricDetail> details, List<Map<String, Object>> refusals,
      Map<String, String> activityOfInstance, Map<String, String> activityNames, Map<String, String> names) {
    List<TimelineEntry> entries = new ArrayList<>();
    HistoricVariableUpdate findings = latest(details, FINDINGS);
    if (findings != null) {
      String activityId = activityOfInstance.get(findings.getActivityInstanceId());
      for (Map<String, Object> finding : list(findings)) {
        entries.add(new TimelineEntry("rule", findings.getTime(), null, null, activityId,
            activityNames.get(activityId), "eligibility", "资格审查", false, null, null, null,
            string(finding.get("rule")), Boolean.TRUE.equals(finding.get("passed")), string(finding.get("reasonZh")),
            string(finding.get("reasonEn")), null, null));
      }
    }
    for (Map<String, Object> refusal : refusals) {
      String activityId = string(refusal.get("activityId"));
      Date at = refusal.get("at") == null ? null : Date.from(Instant.parse(refusal.get("at").toString()));
      entries.add(new TimelineEntry("rule", at, null, null, activityId, activityNames.get(activityId), "refusal",
          "规则拒绝（已回退）", false, null, null, null, string(refusal.get("rule")), false,
          string(refusal.get("reasonZh")), string(refusal.get("reasonEn")), string(refusal.get("field")),
          person(string(refusal.get("user")), names)));
    }
    return entries;
  }

  private static HistoricVariableUpdate latest(List<HistoricDetail> details, String name) {
    HistoricVariableUpdate latest = null;
    for (HistoricDetail detail : details) {
      if (detail instanceof HistoricVariableUpdate update && name.equals(update.getVariableName())) {
        latest = update;
      }
    }
    return latest;
  }

  private List<Map<String, Object>> latestList(List<HistoricDetail> details, String name) {
    HistoricVariableUpdate update = latest(details, name);
    return update == null ? List.of() : list(update);
  }

  /** A list-of-maps variable, stored as JSON (Spin) or as a serialized object value. */
  private List<Map<String, Object>> list(HistoricVariableUpdate update) {
    String text = display(update.getTypedValue());
    if (text == null || !text.trim().startsWith("[")) {
      return List.of();
    }
    try {
      return json.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String context(HistoricDetail detail, Map<String, HistoricTaskInstance> tasks,
      Map<String, String> activityOfInstance, Map<String, String> activityNames, Map<String, String> activityTypes,
      String processInstanceId) {
    if (detail.getTaskId() != null && tasks.containsKey(detail.getTaskId())) {
      return "表单提交：" + tasks.get(detail.getTaskId()).getName();
    }
    if (processInstanceId.equals(detail.getActivityInstanceId())) {
      return "流程启动";
    }
    String activityId = activityOfInstance.get(detail.getActivityInstanceId());
    if (activityId == null) {
      return null;
    }
    String name = activityNames.getOrDefault(activityId, activityId);
    // Variables a person submits with a task are set on the instance, within the task's activity.
    return "userTask".equals(activityTypes.get(activityId)) ? "表单提交：" + name : name;
  }

  String display(TypedValue value) {
    if (value == null) {
      return null;
    }
    String text;
    if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      text = serializable.getValueSerialized();
    } else if (value instanceof ObjectValue object && object.getValue() != null) {
      text = object.getValueSerialized();
    } else if (value.getValue() instanceof Date date) {
      text = date.toInstant().atZone(InstanceSearch.ZONE).toOffsetDateTime().toString();
    } else {
      text = value.getValue() == null ? null : value.getValue().toString();
    }
    return text != null && text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "…" : text;
  }

  private static Person person(String userId, Map<String, String> names) {
    return userId == null ? null : new Person(userId, names.getOrDefault(userId, userId));
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
