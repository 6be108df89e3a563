package org.policyflow.shared.dossier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.forms.FormLabels;
import org.springframework.stereotype.Component;

/**
 * What was submitted on the case's forms, stage by stage: the start form of the case and the form of every
 * completed task of the case and of the instances it called, read from the engine's history of variable
 * updates. Only fields a form labels are shown, under that label and with coded values as the form showed
 * them; values that delegates computed are left out.
 */
@Component
public class DossierSections {

  /** A start form's variables are written in the start transaction, well within this of the start time. */
  private static final Duration START_TRANSACTION = Duration.ofSeconds(5);

  public record Field(String key, String label, String value) {}

  public record Section(String stage, String title, String submittedBy, String submittedAt, List<Field> fields,
      Date time) {}

  private final HistoryService history;
  private final RepositoryService repository;
  private final SystemAccess system;
  private final FormLabels labels;
  private final DossierProperties properties;

  public DossierSections(HistoryService history, RepositoryService repository, SystemAccess system, FormLabels labels,
      DossierProperties properties) {
    this.history = history;
    this.repository = repository;
    this.system = system;
    this.labels = labels;
    this.properties = properties;
  }

  /**
   * @param allScores false: an independent task's submission (EXP-3) of a panel still running is shown only
   *     to the person who submitted it
   */
  public List<Section> sections(HistoricProcessInstance caseInstance, List<HistoricProcessInstance> tree,
      String callerId, boolean allScores) {
    return system.call(() -> {
      List<Section> sections = new ArrayList<>();
      for (HistoricProcessInstance instance : tree) {
        sections.addAll(sectionsOf(instance, instance == caseInstance, callerId, allScores));
      }
      sections.sort(Comparator.comparing(Section::time));
      return sections;
    });
  }

  private List<Section> sectionsOf(HistoricProcessInstance instance, boolean isCase, String callerId,
      boolean allScores) {
    List<HistoricDetail> details = history.createHistoricDetailQuery().processInstanceId(instance.getId())
        .variableUpdates().disableBinaryFetching().orderByTime().asc().list();
    if (details.isEmpty()) {
      return List.of();
    }
    Map<String, HistoricTaskInstance> tasksByActivity = new HashMap<>();
    Map<String, HistoricTaskInstance> tasksById = new HashMap<>();
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .finished().list()) {
      if ("completed".equals(task.getDeleteReason())) {
        tasksByActivity.put(task.getActivityInstanceId(), task);
        tasksById.put(task.getId(), task);
      }
    }
    Map<String, Map<String, Field>> fieldsBySubmission = new LinkedHashMap<>();
    for (HistoricDetail detail : details) {
      if (!(detail instanceof HistoricVariableUpdate update) || labels.label(update.getVariableName()) == null) {
        continue;
      }
      HistoricTaskInstance task = detail.getTaskId() != null ? tasksById.get(detail.getTaskId())
          : tasksByActivity.get(detail.getActivityInstanceId());
      String submission;
      if (task != null) {
        submission = task.getId();
      } else if (isCase && instance.getId().equals(detail.getActivityInstanceId()) && update.getRevision() == 0
          && detail.getTime().getTime() - instance.getStartTime().getTime() <= START_TRANSACTION.toMillis()) {
        submission = "";
      } else {
        continue;
      }
      String value = display(update);
      if (value != null) {
        fieldsBySubmission.computeIfAbsent(submission, k -> new LinkedHashMap<>()).put(update.getVariableName(),
            new Field(update.getVariableName(), labels.label(update.getVariableName()), value));
      }
    }
    if (fieldsBySubmission.isEmpty()) {
      return List.of();
    }
    String stage = stageOf(instance, isCase);
    List<Section> sections = new ArrayList<>();
    fieldsBySubmission.forEach((submission, fields) -> {
      if (submission.isEmpty()) {
        sections.add(new Section(stage, startName(instance), instance.getStartUserId(),
            DossierTimes.text(instance.getStartTime()), List.copyOf(fields.values()), instance.getStartTime()));
        return;
      }
      HistoricTaskInstance task = tasksById.get(submission);
      boolean own = callerId.equals(task.getAssignee());
      if (!allScores && !own && instance.getEndTime() == null
          && properties.isIndependent(instance.getProcessDefinitionKey(), task.getTaskDefinitionKey())) {
        return; // EXP-3: another expert's score, while the panel still scores
      }
      sections.add(new Section(stage, task.getName(), task.getAssignee(), DossierTimes.text(task.getEndTime()),
          List.copyOf(fields.values()), task.getEndTime()));
    });
    return sections;
  }

  /** The case's own process name, or for a called instance the name of the call ("专家评审：材料审查"). */
  private String stageOf(HistoricProcessInstance instance, boolean isCase) {
    if (!isCase && instance.getSuperProcessInstanceId() != null) {
      for (HistoricActivityInstance call : history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getSuperProcessInstanceId()).activityType("callActivity").list()) {
        if (instance.getId().equals(call.getCalledProcessInstanceId()) && call.getActivityName() != null) {
          return call.getActivityName();
        }
      }
    }
    String name = repository.getProcessDefinition(instance.getProcessDefinitionId()).getName();
    return name == null ? instance.getProcessDefinitionKey() : name;
  }

  private String startName(HistoricProcessInstance instance) {
    for (HistoricActivityInstance start : history.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).activityType("startEvent").list()) {
      if (start.getActivityName() != null) {
        return start.getActivityName();
      }
    }
    return "发起";
  }

  private String display(HistoricVariableUpdate update) {
    TypedValue typed = update.getTypedValue();
    Object value = typed == null ? null : typed.getValue();
    if (value == null) {
      return null;
    }
    String text = value instanceof Date date ? DossierTimes.text(date) : String.valueOf(value);
    String label = labels.valueLabel(update.getVariableName(), text);
    if (label != null) {
      return label;
    }
    if (value instanceof Boolean yes) {
      return yes ? "是" : "否";
    }
    return text;
  }
}
