package org.policyflow.shared.workingdays;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Keeps, on the process instance whose timer or due date was just computed, the calendar versions used
 * (variable {@value #VARIABLE}, e.g. "2026年第1版（国办发明电〔2025〕7号）；2027年第1版（国办发明电〔2026〕N号）").
 * The variable's history then shows an auditor which version of the calendar was in force when each
 * deadline was set — also after a year is corrected. Written only when a new version appears, so an
 * instance computing many deadlines in one year writes it once.
 */
public class CalendarVersionRecorder implements WorkingDayCalendar.UseRecorder {

  public static final String VARIABLE = "workingDayCalendarVersions";
  private static final String SEPARATOR = "；";

  @Override
  public void used(List<YearArrangement> years) {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    ExecutionEntity execution = context == null ? null : context.getExecution();
    ExecutionEntity instance = execution == null ? null : execution.getProcessInstance();
    if (instance == null || years.isEmpty()) {
      return;
    }
    Object recorded = instance.getVariableLocal(VARIABLE);
    TreeSet<String> versions = new TreeSet<>();
    if (recorded instanceof String text && !text.isBlank()) {
      versions.addAll(Arrays.asList(text.split(SEPARATOR)));
    }
    years.stream().map(YearArrangement::version).filter(Objects::nonNull).forEach(versions::add);
    String value = versions.stream().collect(Collectors.joining(SEPARATOR));
    if (!value.equals(recorded)) {
      instance.setVariableLocal(VARIABLE, value);
    }
  }
}
