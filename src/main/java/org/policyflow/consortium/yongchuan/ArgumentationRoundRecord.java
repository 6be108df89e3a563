package org.policyflow.consortium.yongchuan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.policyflow.shared.experts.VariableValues;
import org.springframework.stereotype.Component;

/**
 * End of one argumentation round (咨询论证, 002 §四(二)): the round's number, result, mean and every expert's
 * score and opinion and the panel's result per criterion are appended to {@code argumentationRounds}, so that all rounds stay side by side in the
 * instance (and in history) while the plan is revised and argued again.
 */
@Component("ycArgumentationRound")
public class ArgumentationRoundRecord implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    List<Object> rounds = VariableValues.list(execution.getVariable("argumentationRounds"));
    Map<String, Object> round = new LinkedHashMap<>();
    round.put("round", rounds.size() + 1);
    round.put("outcome", execution.getVariable("argumentationOutcome"));
    round.put("passed", VariableValues.isTrue(execution.getVariable("argumentationPassed")));
    round.put("meanScore", execution.getVariable("argumentationMeanScore"));
    round.put("scores", VariableValues.list(execution.getVariable("argumentationScores")));
    // The panel's figures per criterion (EXP-3): argumentationCriteriaResult holds only the latest round.
    round.put("criteriaResult", execution.getVariable("argumentationCriteriaResult"));
    round.put("memberCount", execution.getVariable("memberCount"));
    round.put("finishedAt", YcRules.now());
    YcRules.append(execution, "argumentationRounds", round);
    execution.setVariable("argumentationRound", rounds.size() + 1);
  }
}
