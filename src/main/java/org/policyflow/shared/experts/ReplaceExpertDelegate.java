package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * Task_DrawReplacement of expert-review, after the office decided on an expert who missed the deadline
 * (the expert's task was cancelled by the deadline timer). "replace": another expert is drawn under the
 * same EXP-2 rules, excluding everybody drawn for this review so far, and gets a new task with a new
 * deadline; "extend": the same expert gets a new task with a new deadline. Either is kept in
 * {@code panelChanges}. Without an eligible replacement the office's form is refused (400) with what to do.
 */
@Component("replaceExpert")
public class ReplaceExpertDelegate implements JavaDelegate {

  private final ExpertPanelService panels;
  private final ExpertPool pool;
  private final IdentityService identityService;
  private final HistoryService historyService;
  private final SystemAccess system;

  public ReplaceExpertDelegate(ExpertPanelService panels, ExpertPool pool, IdentityService identityService,
      HistoryService historyService, SystemAccess system) {
    this.panels = panels;
    this.pool = pool;
    this.identityService = identityService;
    this.historyService = historyService;
    this.system = system;
  }

  /** The expert's scoring task the deadline cancelled (latest one, if the deadline was extended before). */
  private String cancelledTask(String processInstanceId, String expert) {
    return system.call(() -> historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("Task_ScoreApplication").taskAssignee(expert).finished()
        .orderByHistoricActivityInstanceStartTime().desc().list().stream()
        .filter(t -> !"completed".equals(t.getDeleteReason()))
        .map(HistoricTaskInstance::getId).findFirst().orElse(null));
  }

  @Override
  public void execute(DelegateExecution execution) {
    String replaced = (String) execution.getVariable("expert");
    String decision = VariableValues.text(execution.getVariable("replacementDecision"));
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("expert", replaced);
    change.put("decision", decision);
    change.put("reason", VariableValues.text(execution.getVariable("replacementReason")));
    change.put("decidedBy", identityService.getCurrentAuthentication() == null ? null
        : identityService.getCurrentAuthentication().getUserId());
    change.put("decidedAt", ClockUtil.getCurrentTime().toInstant().toString());
    change.put("cancelledTaskId", cancelledTask(execution.getProcessInstanceId(), replaced));

    if ("replace".equals(decision)) {
      List<String> drawnSoFar = VariableValues.strings(execution.getVariable("drawnExperts"));
      List<String> requestedTypes = VariableValues.strings(execution.getVariable("expertTypes"));
      // A mixed panel stays mixed: the replacement has the type of the expert it replaces.
      List<String> types = requestedTypes.isEmpty() ? List.of()
          : pool.expert(replaced).map(Expert::type).map(List::of).orElse(requestedTypes);
      Optional<PanelDraw> draw = panels.drawReplacement(new PanelRequest(1,
          VariableValues.text(execution.getVariable("applicantOrganisation")),
          VariableValues.strings(execution.getVariable("memberOrganisations")),
          VariableValues.text(execution.getVariable("field")),
          types, new LinkedHashSet<>(drawnSoFar), DrawExpertPanelDelegate.creditCodes(execution)));
      if (draw.isEmpty()) {
        throw new PolicyRuleException("EXP-2", "replacementDecision",
            "没有可替换的合格专家（已回避申报单位及成员单位、已排除本次已抽取的专家）。请先在 Admin 中补充专家，或选择延长期限",
            "No eligible replacement expert is left after conflict-of-interest and already-drawn exclusions: "
                + "add experts in Admin first, or extend the deadline");
      }
      String replacement = draw.get().drawn().get(0);
      change.put("replacement", replacement);
      change.put("replacementOrganisation", pool.expert(replacement).map(Expert::organisation).orElse(null));
      change.put("draw", draw.get().toMap());
      List<String> drawn = new ArrayList<>(drawnSoFar);
      drawn.add(replacement);
      execution.setVariable("drawnExperts", drawn);
      // "expert" is the multi-instance element variable of this panel seat: the next task goes to the replacement.
      execution.setVariable("expert", replacement);
    } else if (!"extend".equals(decision)) {
      throw new PolicyRuleException("EXP-3", "replacementDecision", "请选择更换专家或延长期限",
          "Choose to replace the expert or extend the deadline");
    }
    List<Object> changes = new ArrayList<>(VariableValues.list(execution.getVariable("panelChanges")));
    changes.add(change);
    execution.getProcessInstance().setVariable("panelChanges", changes);
  }
}
