package org.policyflow.shared.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.policyflow.shared.dossier.DossierProperties.Stage;
import org.policyflow.shared.dossier.DossierProperties.StageDocument;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.rules.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * DOC-1: a task that requires documents (dossier.yaml) cannot be completed over HTTP until its case holds
 * each of them (or, for {@code at-this-task}, until each was uploaded at this very task). One violation
 * lists every missing document by its Chinese name; each missing document that the seed itself demands
 * (BJC-I1 诚信承诺书, TZP-C1 / BJC-A1 signed agreements …) adds a violation under that rule.
 */
@Component
public class RequiredDocuments implements TaskCompletionCheck {

  public static final String RULE = "DOC-1";

  private final DossierProperties properties;
  private final CaseLocator cases;
  private final DocumentStore store;
  private final RepositoryService repository;
  private final SystemAccess system;

  public RequiredDocuments(DossierProperties properties, CaseLocator cases, DocumentStore store,
      RepositoryService repository, SystemAccess system) {
    this.properties = properties;
    this.cases = cases;
    this.store = store;
    this.repository = repository;
    this.system = system;
  }

  @Override
  public List<RuleViolation> violations(DelegateTask task) {
    if (task.getProcessDefinitionId() == null) {
      return List.of();
    }
    String processKey = system.call(() -> repository.getProcessDefinition(task.getProcessDefinitionId()).getKey());
    Optional<Stage> stage = properties.stage(processKey, task.getTaskDefinitionKey());
    List<StageDocument> required = stage.map(s -> s.documents().stream().filter(StageDocument::required).toList())
        .orElse(List.of());
    if (required.isEmpty()) {
      return List.of();
    }
    List<StageDocument> missing = missing(required, cases.caseOfInstance(task.getProcessInstanceId()), task.getId());
    if (missing.isEmpty()) {
      return List.of();
    }
    List<RuleViolation> violations = new ArrayList<>();
    violations.add(new RuleViolation(RULE, "documents",
        "请先上传以下申报材料再提交：" + String.join("、", missing.stream().map(d -> "《" + properties.label(d.type()) + "》").toList())
            + "（在“申报材料”标签页上传）",
        "Upload these documents before submitting: " + String.join(", ", missing.stream().map(StageDocument::type).toList())));
    for (StageDocument document : missing) {
      if (document.rule() != null && !document.rule().isBlank()) {
        violations.add(new RuleViolation(document.rule(), document.type(),
            "缺少《" + properties.label(document.type()) + "》" + (document.seedClause() == null ? "" : "（" + document.seedClause() + "）"),
            "The document '" + document.type() + "' is missing"));
      }
    }
    return violations;
  }

  /** The required documents the case lacks; all of them when the task belongs to no case. */
  List<StageDocument> missing(List<StageDocument> required, Optional<HistoricProcessInstance> caseInstance,
      String taskId) {
    List<DossierDocument> documents = caseInstance.map(c -> store.list(c.getId())).orElse(List.of());
    return required.stream().filter(needed -> documents.stream().noneMatch(have -> have.type().equals(needed.type())
        && (!needed.atThisTask() || taskId.equals(have.taskId())))).toList();
  }
}
