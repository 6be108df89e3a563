package org.policyflow.shared.dossier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dossier's configuration ({@code dossier.yaml}): which processes are cases and who owns them, the
 * document types, and per task the documents it accepts and requires. Lists rather than maps, because a
 * map key such as {@code Task_SubmitMaterials} would lose its underscore in Spring's relaxed binding.
 */
@ConfigurationProperties("policyflow.dossier")
public record DossierProperties(List<CaseProcess> cases, List<String> readGroups, List<IndependentTask> independentTasks,
    List<DocumentType> documentTypes, List<Stage> stages) {

  /** A case process, the office groups that own every case of it, and the variables that name a case. */
  public record CaseProcess(String process, List<String> offices, List<String> titleVariables) {
    public CaseProcess {
      offices = offices == null ? List.of() : List.copyOf(offices);
      titleVariables = titleVariables == null ? List.of() : List.copyOf(titleVariables);
    }
  }

  /** A task whose submissions stay its submitter's own while its instance runs (EXP-3). */
  public record IndependentTask(String process, String task) {}

  public record DocumentType(String code, String label) {}

  public record Stage(String process, String task, List<StageDocument> documents) {
    public Stage {
      documents = documents == null ? List.of() : List.copyOf(documents);
    }
  }

  /**
   * A document type at a task: accepted there; {@code required} blocks completion without it;
   * {@code atThisTask} asks for a file uploaded at this very task (a yearly report) rather than one
   * anywhere in the case; {@code rule} is the seed's own rule ID, if the seed has one.
   */
  public record StageDocument(String type, boolean required, boolean atThisTask, String rule, String seedClause) {}

  public DossierProperties {
    cases = cases == null ? List.of() : List.copyOf(cases);
    readGroups = readGroups == null ? List.of() : List.copyOf(readGroups);
    independentTasks = independentTasks == null ? List.of() : List.copyOf(independentTasks);
    documentTypes = documentTypes == null ? List.of() : List.copyOf(documentTypes);
    stages = stages == null ? List.of() : List.copyOf(stages);
    Map<String, String> labels = new LinkedHashMap<>();
    documentTypes.forEach(type -> labels.put(type.code(), type.label()));
    for (Stage stage : stages) {
      for (StageDocument document : stage.documents()) {
        if (!labels.containsKey(document.type())) {
          throw new IllegalStateException("dossier.yaml: stage " + stage.process() + "/" + stage.task()
              + " names the unknown document type '" + document.type() + "'");
        }
      }
    }
  }

  public Optional<CaseProcess> caseProcess(String processKey) {
    return cases.stream().filter(c -> c.process().equals(processKey)).findFirst();
  }

  public Optional<Stage> stage(String processKey, String taskKey) {
    return stages.stream().filter(s -> s.process().equals(processKey) && s.task().equals(taskKey)).findFirst();
  }

  /** The Chinese name of a document type; the code itself when unknown (a type removed from the file). */
  public String label(String type) {
    return documentTypes.stream().filter(t -> t.code().equals(type)).map(DocumentType::label).findFirst().orElse(type);
  }

  public boolean isIndependent(String processKey, String taskKey) {
    return independentTasks.stream().anyMatch(t -> t.process().equals(processKey) && t.task().equals(taskKey));
  }
}
