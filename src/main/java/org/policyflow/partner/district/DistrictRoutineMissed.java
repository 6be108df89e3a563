package org.policyflow.partner.district;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 登记未按期走访 / 交流会 / 宣传推介 (DST-V1, DST-M1, DST-P1): a period that ended without a record is written
 * down for the year, where the yearly evaluation (DST-A1) shows it, instead of the task silently disappearing.
 */
@Component("districtRoutineMissed")
public class DistrictRoutineMissed implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    DistrictRoutine routine = DistrictRoutine.missedAt(execution.getCurrentActivityId()).orElseThrow(
        () -> new IllegalStateException("districtRoutineMissed on an unknown activity " + execution.getCurrentActivityId()));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("routine", routine.key);
    entry.put("routineLabel", routine.label);
    entry.put("rule", routine.rule);
    entry.put("period", execution.getVariable(routine.periodVariable));
    entry.put("flaggedAt", ClockUtil.getCurrentTime().toInstant().toString());
    List<Map<String, Object>> missed = DistrictVariables.list(execution, "missedRoutines");
    missed.add(entry);
    execution.getProcessInstance().setVariable("missedRoutines", missed);
  }
}
