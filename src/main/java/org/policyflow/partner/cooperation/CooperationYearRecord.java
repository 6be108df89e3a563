package org.policyflow.partner.cooperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End of one cooperation year (TZP-C3): the year's evaluation, returned by the yearly process, is added
 * to {@code annualEvaluations} of the cooperation, the basis of further support and of the final evaluation.
 */
@Component("cooperationYearRecord")
public class CooperationYearRecord implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    Map<String, Object> year = new LinkedHashMap<>();
    Object number = execution.getVariableLocal("yearNumber");
    year.put("cooperationYear", number instanceof Number n ? n.intValue() : number);
    year.put("evaluationResult", execution.getVariableLocal("yearEvaluationResult"));
    year.put("evaluationOpinion", execution.getVariableLocal("yearEvaluationOpinion"));
    year.put("localityOpinion", execution.getVariableLocal("yearLocalityOpinion"));
    Object submitted = execution.getVariableLocal("yearReportSubmittedAt");
    year.put("reportSubmittedAt", submitted instanceof java.util.Date date ? date.toInstant().toString() : null);
    List<Map<String, Object>> years = CooperationVariables.list(execution, "annualEvaluations");
    years.add(year);
    execution.getProcessInstance().setVariable("annualEvaluations", years);
  }
}
