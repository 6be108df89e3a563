package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.policyflow.shared.experts.VariableValues;
import org.springframework.stereotype.Component;

/**
 * End of one operating year (yearly instance of yc-consortium-year): its exchanges, missed periods, report and
 * evaluation are added to {@code yearResults} of the consortium, exceptions granted in the year join the
 * consortium's {@code ruleExceptions}, and a termination decided after a poor grade stops further years.
 */
@Component("ycYearRecord")
public class YearRecord implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    DelegateExecution consortium = execution.getProcessInstance();
    Map<String, Object> year = new LinkedHashMap<>();
    year.put("calendarYear", execution.getVariableLocal("yearCalendarYear"));
    year.put("exchanges", VariableValues.list(execution.getVariableLocal("yearExchanges")).size());
    year.put("missedExchanges", VariableValues.list(execution.getVariableLocal("yearMissedExchanges")));
    year.put("reportYear", execution.getVariableLocal("yearReportYear"));
    Object submitted = execution.getVariableLocal("yearReportSubmittedAt");
    year.put("reportSubmittedAt", submitted instanceof java.util.Date date ? date.toInstant().toString() : null);
    year.put("reportLate", execution.getVariableLocal("yearReportLate"));
    year.put("evaluationGrade", execution.getVariableLocal("yearEvaluationGrade"));
    year.put("evaluationMeasure", execution.getVariableLocal("yearEvaluationMeasure"));
    List<Object> years = new ArrayList<>(VariableValues.list(consortium.getVariable("yearResults")));
    years.add(year);
    consortium.setVariable("yearResults", years);
    List<Object> exceptions = VariableValues.list(execution.getVariableLocal("yearRuleExceptions"));
    if (!exceptions.isEmpty()) {
      List<Object> all = new ArrayList<>(VariableValues.list(consortium.getVariable("ruleExceptions")));
      all.addAll(exceptions);
      consortium.setVariable("ruleExceptions", all);
    }
    if (VariableValues.isTrue(execution.getVariableLocal("yearTerminated"))) {
      consortium.setVariable("consortiumTerminated", true);
      consortium.setVariable("terminationReason", "YCC-R1 " + year.get("reportYear") + "年度评价较差，终止建设");
    }
  }
}
