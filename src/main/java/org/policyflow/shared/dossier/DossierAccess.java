package org.policyflow.shared.dossier;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * Who may see a case's dossier: the applicant who started it, the owning offices, whoever holds or held
 * a task of the case or of an instance it called (assignee, candidate user, member of a candidate group),
 * and the read groups (auditors, administrators). Decided from the engine's own history of task
 * assignments and candidates, so an expert drawn onto a panel gains access with the task the engine gives
 * them, and an expert never drawn has none.
 */
@Component
public class DossierAccess {

  private final HistoryService history;
  private final TaskService tasks;
  private final SystemAccess system;
  private final DossierProperties properties;

  public DossierAccess(HistoryService history, TaskService tasks, SystemAccess system, DossierProperties properties) {
    this.history = history;
    this.tasks = tasks;
    this.system = system;
    this.properties = properties;
  }

  public boolean mayRead(HistoricProcessInstance caseInstance, List<HistoricProcessInstance> tree, DossierCaller caller) {
    if (seesEverything(caseInstance, caller) || caller.userId().equals(caseInstance.getStartUserId())) {
      return true;
    }
    return system.call(() -> {
      for (HistoricProcessInstance instance : tree) {
        if (history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
            .or().taskAssignee(caller.userId()).taskInvolvedUser(caller.userId()).endOr().count() > 0) {
          return true;
        }
        for (String group : caller.groups()) {
          if (history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
              .taskHadCandidateGroup(group).count() > 0) {
            return true;
          }
        }
      }
      return false;
    });
  }

  /** Owning offices and read groups: they also see a running panel's scores (EXP-3 binds the experts). */
  public boolean seesEverything(HistoricProcessInstance caseInstance, DossierCaller caller) {
    return caller.inAny(properties.readGroups()) || properties.caseProcess(caseInstance.getProcessDefinitionKey())
        .map(process -> caller.inAny(process.offices())).orElse(false);
  }

  /** The assignee of an open task, or a candidate of it (claimed or not), works on it and may add its documents. */
  public boolean worksOn(Task task, DossierCaller caller) {
    if (caller.userId().equals(task.getAssignee())) {
      return true;
    }
    return system.call(() -> {
      for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType())
            && (caller.userId().equals(link.getUserId()) || link.getGroupId() != null
                && caller.groups().contains(link.getGroupId()))) {
          return true;
        }
      }
      return false;
    });
  }
}
