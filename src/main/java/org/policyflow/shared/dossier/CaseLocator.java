package org.policyflow.shared.dossier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * Finds the case a process instance or task belongs to: up the chain of calling instances to the first
 * instance of a case process. Read from history, which holds running and ended instances alike, and as
 * the system: who may see the result is decided afterwards by {@link DossierAccess}.
 */
@Component
public class CaseLocator {

  /** Deeper call chains do not occur in the models; the bound guards against a cycle in bad data. */
  private static final int MAX_DEPTH = 10;

  private final HistoryService history;
  private final SystemAccess system;
  private final DossierProperties properties;

  public CaseLocator(HistoryService history, SystemAccess system, DossierProperties properties) {
    this.history = history;
    this.system = system;
    this.properties = properties;
  }

  public Optional<HistoricProcessInstance> caseOfInstance(String processInstanceId) {
    return system.call(() -> {
      String id = processInstanceId;
      for (int depth = 0; id != null && depth < MAX_DEPTH; depth++) {
        HistoricProcessInstance instance = byId(id);
        if (instance == null) {
          return Optional.<HistoricProcessInstance>empty();
        }
        if (properties.caseProcess(instance.getProcessDefinitionKey()).isPresent()) {
          return Optional.of(instance);
        }
        id = instance.getSuperProcessInstanceId();
      }
      return Optional.<HistoricProcessInstance>empty();
    });
  }

  /** A case instance by its id; empty when the id is no case. */
  public Optional<HistoricProcessInstance> caseById(String caseId) {
    return system.call(() -> Optional.<HistoricProcessInstance>ofNullable(byId(caseId)))
        .filter(instance -> properties.caseProcess(instance.getProcessDefinitionKey()).isPresent());
  }

  public Optional<HistoricTaskInstance> task(String taskId) {
    return system.call(() -> Optional.<HistoricTaskInstance>ofNullable(
        Context.getCommandContext().getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId)));
  }

  /**
   * One historic instance by its primary key. The engine's query for a single id assembles its whole
   * dynamic statement (dozens of optional conditions) on every call, which cost more than the read
   * itself; the dossier asks this for every tab it shows and for every completion it checks (DOC-1).
   * Same row, same entity class. Runs inside {@link SystemAccess#call}.
   */
  private static HistoricProcessInstance byId(String processInstanceId) {
    return Context.getCommandContext().getHistoricProcessInstanceManager().findHistoricProcessInstance(processInstanceId);
  }

  /**
   * The case instance and every instance it called, directly or through others, case instance first;
   * a called case process (none today) would be a case of its own and is left out.
   */
  public List<HistoricProcessInstance> tree(HistoricProcessInstance caseInstance) {
    return system.call(() -> {
      List<HistoricProcessInstance> all = new ArrayList<>();
      Deque<HistoricProcessInstance> open = new ArrayDeque<>(List.of(caseInstance));
      while (!open.isEmpty() && all.size() < 1000) {
        HistoricProcessInstance next = open.poll();
        all.add(next);
        for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery()
            .superProcessInstanceId(next.getId()).list()) {
          if (properties.caseProcess(called.getProcessDefinitionKey()).isEmpty()) {
            open.add(called);
          }
        }
      }
      return all;
    });
  }
}
