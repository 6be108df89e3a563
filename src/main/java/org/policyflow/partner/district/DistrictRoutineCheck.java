package org.policyflow.partner.district;

import static org.policyflow.partner.district.DistrictVariables.currentUser;
import static org.policyflow.partner.district.DistrictVariables.required;
import static org.policyflow.partner.district.DistrictVariables.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * 记录走访 (DST-V1), 记录交流会 (DST-M1) and 记录宣传推介 (DST-P1), at the end of the task: it took place in its
 * period and not in the future, and the record says what 000 §七 asks of it — whom the commission visited with
 * which locality and what partners advised (听取意见和建议); for a meeting, where, who, the innovation trends and
 * requests followed and the information shared; for publicity, through which channels (多形式多渠道), what and
 * where. Each is appended to the year's list of that routine ({@code visits}, {@code meetings}, {@code promotions}).
 */
@Component("districtRoutineCheck")
public class DistrictRoutineCheck implements ExecutionListener {

  static final String CHANNELS = "promotionChannels";
  static final String TYPICAL_CASES = "typicalCases";
  private final DistrictSchedule schedule;
  private final IdentityService identityService;

  public DistrictRoutineCheck(DistrictSchedule schedule, IdentityService identityService) {
    this.schedule = schedule;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return; // ended by its deadline timer or an administrator, not submitted: nothing to check or record
    }
    DistrictRoutine routine = DistrictRoutine.recordedAt(execution.getCurrentActivityId()).orElseThrow(
        () -> new IllegalStateException("districtRoutineCheck on an unknown activity " + execution.getCurrentActivityId()));
    String rule = routine.rule;
    int year = ((Number) execution.getVariable("supportYear")).intValue();
    int period = ((Number) execution.getVariable(routine.periodVariable)).intValue();
    int perYear = routine.perYear(schedule);
    List<RuleViolation> violations = new ArrayList<>();
    String dateField = routine.dateField;
    LocalDate first = LocalDate.ofInstant(schedule.periodStart(year, perYear, period).toInstant(), WorkingDayCalendar.ZONE);
    LocalDate last = LocalDate.ofInstant(schedule.periodEnd(year, perYear, period).toInstant(), WorkingDayCalendar.ZONE)
        .minusDays(1);
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDayCalendar.ZONE);
    LocalDate date = null;
    try {
      date = LocalDate.parse(String.valueOf(execution.getVariable(dateField)));
    } catch (DateTimeParseException e) {
      violations.add(new RuleViolation(rule, dateField, "请填写日期（yyyy-MM-dd）。", "Enter the date (yyyy-MM-dd)."));
    }
    if (date != null && (date.isBefore(first) || date.isAfter(last) || date.isAfter(today))) {
      violations.add(new RuleViolation(rule, dateField,
          "日期须在本期（" + first + " 至 " + last + "）内且不晚于今天。",
          "The date must lie in this period (" + first + " to " + last + ") and not after today."));
    }
    List<String> channels = routine == DistrictRoutine.PROMOTION
        ? VariableValues.strings(execution.getVariable(CHANNELS)) : List.of();
    if (routine == DistrictRoutine.PROMOTION && channels.isEmpty()) {
      violations.add(new RuleViolation(rule, CHANNELS, "请选择本期宣传推介采用的形式和渠道（至少一项）。",
          "Choose at least one form or channel of this period's publicity."));
    }
    routine.requiredTexts.forEach((field, label) -> required(execution, violations, rule, field, label[0], label[1]));
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("period", period);
    entry.put(dateField, date.toString());
    if (routine == DistrictRoutine.PROMOTION) {
      entry.put(CHANNELS, channels);
      entry.put(TYPICAL_CASES, text(execution, TYPICAL_CASES));
    }
    routine.requiredTexts.keySet().forEach(f -> entry.put(f, text(execution, f)));
    entry.put("recordedBy", currentUser(identityService));
    entry.put("recordedAt", ClockUtil.getCurrentTime().toInstant().toString());
    List<Map<String, Object>> all = DistrictVariables.list(execution, routine.listVariable);
    all.add(entry);
    execution.getProcessInstance().setVariable(routine.listVariable, all);
  }
}
