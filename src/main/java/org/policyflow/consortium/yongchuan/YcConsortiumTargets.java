package org.policyflow.consortium.yongchuan;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * The pilot target (about 5 consortia by 2027, 002 §二, configurable) against the live count of launched
 * consortia, counted from the engine. As an execution listener it puts the figures on the launch form, so
 * yc-stb launches knowing where the pilot stands.
 */
@Component("ycConsortiumTargetStatus")
public class YcConsortiumTargets implements ExecutionListener {

  public static final String PROCESS_KEY = "yc-consortium";

  /** Launched = ever launched (the target counts them); inOperation = launched and still running. */
  public record Status(int targetConsortia, int targetYear, long launchedConsortia, long inOperation,
      long terminated, long proposals, long remaining) {}

  private final HistoryService historyService;
  private final SystemAccess system;
  private final YcConsortiumProperties properties;

  public YcConsortiumTargets(HistoryService historyService, SystemAccess system, YcConsortiumProperties properties) {
    this.historyService = historyService;
    this.system = system;
    this.properties = properties;
  }

  public Status status() {
    return system.call(() -> {
      long launched = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .variableValueEquals("launched", true).count();
      long terminated = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .variableValueEquals("consortiumTerminated", true).count();
      long inOperation = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .unfinished().variableValueEquals("launched", true).count();
      long proposals = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
      return new Status(properties.targetConsortia(), properties.targetYear(), launched, inOperation,
          terminated, proposals, Math.max(0, properties.targetConsortia() - launched));
    });
  }

  @Override
  public void notify(DelegateExecution execution) {
    Status status = status();
    execution.setVariable("targetStatusText", "目标：到" + status.targetYear() + "年建设" + status.targetConsortia()
        + "个左右创新联合体；目前已启动建设" + status.launchedConsortia() + "个（其中已终止" + status.terminated()
        + "个），距目标还差" + status.remaining() + "个。");
  }
}
