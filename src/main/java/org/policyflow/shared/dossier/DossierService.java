package org.policyflow.shared.dossier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.policyflow.platform.attachments.AttachmentProperties;
import org.policyflow.shared.dossier.DossierProperties.Stage;
import org.policyflow.shared.dossier.DossierProperties.StageDocument;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.identity.PersonNames;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The dossier as a caller may see it, and its documents' upload and download. Access is decided before
 * anything is read or written ({@link DossierAccess}); a refused call answers {@link Forbidden} and leaves
 * nothing behind.
 */
@Service
public class DossierService {

  /** DOC-2: a document type the task does not take. DOC-3: the file itself (missing, empty, too large, wrong type). */
  public static final String TYPE_RULE = "DOC-2";
  public static final String FILE_RULE = "DOC-3";

  /** The caller may not see or do this; nothing was read or changed. */
  public static class Forbidden extends RuntimeException {
    public Forbidden() {
      super("无权访问该案卷。 You may not access this dossier.");
    }
  }

  /** No such task, case or document. */
  public static class NotFound extends RuntimeException {
    public NotFound(String what) {
      super(what);
    }
  }

  /** A stored document's bytes with its record. */
  public record Download(DossierDocument document, byte[] content) {}

  private final DossierProperties properties;
  private final CaseLocator cases;
  private final DossierAccess access;
  private final DossierSections sections;
  private final DocumentStore store;
  private final AttachmentProperties limits;
  private final ObjectProvider<RelatedCases> related;
  private final TaskService tasks;
  private final HistoryService history;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final SystemAccess system;

  public DossierService(DossierProperties properties, CaseLocator cases, DossierAccess access, DossierSections sections,
      DocumentStore store, AttachmentProperties limits, ObjectProvider<RelatedCases> related, TaskService tasks,
      HistoryService history, RepositoryService repository, IdentityService identity, SystemAccess system) {
    this.properties = properties;
    this.cases = cases;
    this.access = access;
    this.sections = sections;
    this.store = store;
    this.limits = limits;
    this.related = related;
    this.tasks = tasks;
    this.history = history;
    this.repository = repository;
    this.identity = identity;
    this.system = system;
  }

  /** The dossier of a task's case, with what the task may upload. */
  public Map<String, Object> forTask(String taskId, DossierCaller caller) {
    HistoricTaskInstance task = cases.task(taskId).orElseThrow(() -> new NotFound("任务不存在 / no such task"));
    Optional<HistoricProcessInstance> caseInstance = task.getProcessInstanceId() == null ? Optional.empty()
        : cases.caseOfInstance(task.getProcessInstanceId());
    Task open = openTask(taskId);
    Map<String, Object> dossier;
    List<DossierDocument> documents;
    if (caseInstance.isPresent()) {
      List<HistoricProcessInstance> tree = cases.tree(caseInstance.get());
      if (!access.mayRead(caseInstance.get(), tree, caller)) {
        throw new Forbidden();
      }
      documents = store.list(caseInstance.get().getId());
      dossier = view(caseInstance.get(), tree, documents, caller);
    } else {
      // A task of no case (a call's selection): its own people see what the programme relates to it.
      if (!(open != null && access.worksOn(open, caller)) && !caller.userId().equals(task.getAssignee())
          && !caller.inAny(properties.readGroups())) {
        throw new Forbidden();
      }
      documents = List.of();
      dossier = new LinkedHashMap<>();
      dossier.put("caseId", null);
      dossier.put("caseTitle", null);
      dossier.put("programme", null);
      dossier.put("processKey", null);
      dossier.put("startedAt", null);
      dossier.put("sections", List.of());
      dossier.put("documents", List.of());
    }
    dossier.put("related", related(task.getProcessInstanceId(), taskId, caller));
    dossier.put("upload", upload(task, open, caller, documents));
    return dossier;
  }

  /** The dossier of a case, without upload (no task asked). */
  public Map<String, Object> forCase(String caseId, DossierCaller caller) {
    HistoricProcessInstance caseInstance = cases.caseById(caseId).orElseThrow(() -> new NotFound("案卷不存在 / no such case"));
    List<HistoricProcessInstance> tree = cases.tree(caseInstance);
    if (!access.mayRead(caseInstance, tree, caller)) {
      throw new Forbidden();
    }
    Map<String, Object> dossier = view(caseInstance, tree, store.list(caseId), caller);
    dossier.put("related", related(caseId, null, caller));
    return dossier;
  }

  public DossierDocument upload(String taskId, String type, String fileName, String contentType, byte[] content,
      DossierCaller caller) {
    Task task = openTask(taskId);
    if (task == null) {
      if (cases.task(taskId).isPresent()) {
        throw new Forbidden(); // a completed task takes no more documents
      }
      throw new NotFound("任务不存在 / no such task");
    }
    if (!access.worksOn(task, caller)) {
      throw new Forbidden();
    }
    HistoricProcessInstance caseInstance = cases.caseOfInstance(task.getProcessInstanceId()).orElse(null);
    Optional<StageDocument> accepted = stage(task).flatMap(stage -> stage.documents().stream()
        .filter(document -> document.type().equals(type)).findFirst());
    if (caseInstance == null || accepted.isEmpty()) {
      List<String> types = stage(task).map(s -> s.documents().stream().map(d -> properties.label(d.type())).toList())
          .orElse(List.of());
      throw new PolicyRuleException(TYPE_RULE, "type",
          types.isEmpty() ? "此任务不收取申报材料" : "此任务只收取：" + String.join("、", types),
          types.isEmpty() ? "This task takes no documents" : "This task takes only the document types configured for it");
    }
    checkFile(fileName, content);
    String sha256 = sha256(content);
    return store.add(caseInstance.getId(), type, fileName.trim(), contentType, content, sha256, caller.userId(),
        ClockUtil.getCurrentTime().toInstant(), task.getId(), task.getName());
  }

  public Download download(String caseId, String documentId, DossierCaller caller) {
    HistoricProcessInstance caseInstance = cases.caseById(caseId).orElseThrow(() -> new NotFound("案卷不存在 / no such case"));
    if (!access.mayRead(caseInstance, cases.tree(caseInstance), caller)) {
      throw new Forbidden();
    }
    DossierDocument document = store.find(caseId, documentId)
        .orElseThrow(() -> new NotFound("材料不存在 / no such document"));
    return new Download(document, store.content(documentId));
  }

  private void checkFile(String fileName, byte[] content) {
    if (fileName == null || fileName.isBlank() || content == null || content.length == 0) {
      throw new PolicyRuleException(FILE_RULE, "file", "请选择要上传的文件（文件不能为空）",
          "Choose a non-empty file to upload");
    }
    if (content.length > limits.maxSize().toBytes()) {
      throw new PolicyRuleException(FILE_RULE, "file",
          "文件“" + fileName + "”超过大小上限 " + limits.maxSizeText(),
          "File \"" + fileName + "\" exceeds the size limit of " + limits.maxSizeText());
    }
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!limits.allowedTypes().contains(extension)) {
      String accepted = String.join(", ", limits.allowedTypes());
      throw new PolicyRuleException(FILE_RULE, "file",
          "文件“" + fileName + "”的类型不允许，仅接受：" + accepted,
          "File \"" + fileName + "\" has a type that is not accepted; accepted types: " + accepted);
    }
  }

  /** The open task by its primary key (null when completed or unknown), as the system: see CaseLocator#byId. */
  private Task openTask(String taskId) {
    return system.call(() -> Context.getCommandContext().getTaskManager().findTaskById(taskId));
  }

  private Optional<Stage> stage(Task task) {
    String processKey = system.call(() -> repository.getProcessDefinition(task.getProcessDefinitionId()).getKey());
    return properties.stage(processKey, task.getTaskDefinitionKey());
  }

  private Map<String, Object> upload(HistoricTaskInstance task, Task open, DossierCaller caller,
      List<DossierDocument> documents) {
    Optional<Stage> stage = open == null ? Optional.empty() : stage(open);
    boolean allowed = open != null && stage.isPresent() && !stage.get().documents().isEmpty()
        && cases.caseOfInstance(open.getProcessInstanceId()).isPresent() && access.worksOn(open, caller);
    List<Map<String, Object>> types = new ArrayList<>();
    stage.ifPresent(s -> s.documents().forEach(document -> {
      Map<String, Object> type = new LinkedHashMap<>();
      type.put("type", document.type());
      type.put("label", properties.label(document.type()));
      type.put("required", document.required());
      type.put("present", documents.stream().anyMatch(have -> have.type().equals(document.type())
          && (!document.atThisTask() || task.getId().equals(have.taskId()))));
      type.put("seedClause", document.seedClause());
      type.put("rule", document.rule());
      type.put("atThisTask", document.atThisTask());
      types.add(type);
    }));
    Map<String, Object> upload = new LinkedHashMap<>();
    upload.put("allowed", allowed);
    upload.put("types", types);
    return upload;
  }

  private Map<String, Object> view(HistoricProcessInstance caseInstance, List<HistoricProcessInstance> tree,
      List<DossierDocument> documents, DossierCaller caller) {
    Map<String, String> names = new HashMap<>();
    Map<String, Object> dossier = new LinkedHashMap<>();
    dossier.put("caseId", caseInstance.getId());
    dossier.put("caseTitle", title(caseInstance));
    dossier.put("programme", system.call(() -> repository.getProcessDefinition(caseInstance.getProcessDefinitionId())
        .getName()));
    dossier.put("processKey", caseInstance.getProcessDefinitionKey());
    dossier.put("startedAt", DossierTimes.text(caseInstance.getStartTime()));
    dossier.put("sections", sections.sections(caseInstance, tree, caller.userId(),
        access.seesEverything(caseInstance, caller)).stream().map(section -> {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("stage", section.stage());
          one.put("title", section.title());
          one.put("submittedBy", section.submittedBy());
          one.put("submittedByName", name(section.submittedBy(), names));
          one.put("submittedAt", section.submittedAt());
          one.put("fields", section.fields());
          return one;
        }).toList());
    Map<String, Integer> latest = new HashMap<>();
    documents.forEach(d -> latest.merge(d.type(), d.version(), Math::max));
    dossier.put("documents", documents.stream().map(d -> {
      Map<String, Object> one = describe(d, names);
      one.put("current", latest.get(d.type()) == d.version());
      return one;
    }).toList());
    return dossier;
  }

  /** A document as the API shows it (the upload's answer: the newest version, so current). */
  public Map<String, Object> describe(DossierDocument document) {
    Map<String, Object> one = describe(document, new HashMap<>());
    one.put("current", true);
    return one;
  }

  private Map<String, Object> describe(DossierDocument d, Map<String, String> names) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("id", d.id());
    one.put("type", d.type());
    one.put("typeLabel", properties.label(d.type()));
    one.put("fileName", d.fileName());
    one.put("version", d.version());
    one.put("current", null); // set by the caller: the newest version of its type or not
    one.put("size", d.size());
    one.put("sha256", d.sha256());
    one.put("uploadedBy", d.uploadedBy());
    one.put("uploadedByName", name(d.uploadedBy(), names));
    one.put("uploadedAt", DossierTimes.text(d.uploadedAt()));
    one.put("stage", d.stage());
    one.put("downloadUrl", "/api/dossiers/" + d.caseId() + "/documents/" + d.id() + "/content");
    return one;
  }

  private String title(HistoricProcessInstance caseInstance) {
    List<String> variables = properties.caseProcess(caseInstance.getProcessDefinitionKey())
        .map(DossierProperties.CaseProcess::titleVariables).orElse(List.of());
    return system.call(() -> {
      for (String variable : variables) {
        HistoricVariableInstance value = history.createHistoricVariableInstanceQuery()
            .processInstanceId(caseInstance.getId()).variableName(variable).disableBinaryFetching().list().stream().findFirst().orElse(null);
        if (value != null && value.getValue() != null && !String.valueOf(value.getValue()).isBlank()) {
          return String.valueOf(value.getValue());
        }
      }
      return caseInstance.getBusinessKey();
    });
  }

  private List<RelatedCases.Related> related(String processInstanceId, String taskId, DossierCaller caller) {
    List<RelatedCases.Related> all = new ArrayList<>();
    related.orderedStream().forEach(source -> all.addAll(source.related(processInstanceId, taskId, caller)));
    return all;
  }

  private String name(String userId, Map<String, String> names) {
    if (userId == null) {
      return null;
    }
    return names.computeIfAbsent(userId, id -> system.call(() -> {
      User user = identity.createUserQuery().userId(id).singleResult();
      return user == null ? id : PersonNames.displayName(user);
    }));
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
