package org.policyflow.partner.district;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 记录未按期走访 / 记录未按期举办交流会 (DST-V1, DST-M1): a period that ended without a recorded visit or
 * meeting is written down for the year, where the yearly evaluation (DST-A1) shows it, instead of the
 * task silently disappearing.
 */
@Component("districtRoutineMissed")
public class DistrictRoutineMissed implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    boolean visit = "Task_RecordMissedVisit".equals(execution.getCurrentActivityId());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("routine", visit ? "visit" : "meeting");
    entry.put("routineLabel", visit ? "走访创新伙伴" : "创新伙伴交流会");
    entry.put("period", execution.getVariable(visit ? "visitPeriod" : "meetingPeriod"));
    entry.put("flaggedAt", ClockUtil.getCurrentTime().toInstant().toString());
    List<Map<String, Object>> missed = DistrictVariables.list(execution, "missedRoutines");
    missed.add(entry);
    execution.getProcessInstance().setVariable("missedRoutines", missed);
  }
}
