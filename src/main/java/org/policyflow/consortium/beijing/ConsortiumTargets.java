package org.policyflow.consortium.beijing;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * The programme target (about 20 consortia by 2025, 004 §二) against the live count of supported
 * consortia, counted from the engine. As an execution listener it puts the figures on the support
 * decision, so the officer decides knowing where the programme stands.
 */
@Component("consortiumTargetStatus")
public class ConsortiumTargets implements ExecutionListener {

  public static final String PROCESS_KEY = "bj-consortium";

  public record Status(int targetConsortia, int targetYear, long supportedConsortia, long proposals, long remaining) {}

  private final HistoryService historyService;
  private final SystemAccess system;
  private final BjConsortiumProperties properties;

  public ConsortiumTargets(HistoryService historyService, SystemAccess system, BjConsortiumProperties properties) {
    this.historyService = historyService;
    this.system = system;
    this.properties = properties;
  }

  public Status status() {
    return system.call(() -> {
      long supported = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .variableValueEquals("supported", true).count();
      long proposals = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
      return new Status(properties.targetConsortia(), properties.targetYear(), supported, proposals,
          Math.max(0, properties.targetConsortia() - supported));
    });
  }

  @Override
  public void notify(DelegateExecution execution) {
    Status status = status();
    execution.setVariable("consortiumTarget", status.targetConsortia());
    execution.setVariable("targetYear", status.targetYear());
    execution.setVariable("supportedConsortia", status.supportedConsortia());
    execution.setVariable("targetStatusText", "目标：到" + status.targetYear() + "年培育" + status.targetConsortia()
        + "个左右创新联合体；目前已支持" + status.supportedConsortia() + "个，距目标还差" + status.remaining() + "个。");
  }
}
