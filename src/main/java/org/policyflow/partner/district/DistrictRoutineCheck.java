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
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * 记录走访 (DST-V1) and 记录交流会 (DST-M1), at the end of the task: the visit or meeting took place in its
 * period and not in the future, and the record says what 000 §七(二) asks of it — whom the commission
 * visited with which locality and what partners advised (听取意见和建议); for a meeting, where, who, the
 * innovation trends and requests followed and the information shared. Each is appended to {@code visits}
 * or {@code meetings} of the year.
 */
@Component("districtRoutineCheck")
public class DistrictRoutineCheck implements ExecutionListener {

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
    boolean visit = "Task_RecordVisit".equals(execution.getCurrentActivityId());
    String rule = visit ? "DST-V1" : "DST-M1";
    int year = ((Number) execution.getVariable("supportYear")).intValue();
    int period = ((Number) execution.getVariable(visit ? "visitPeriod" : "meetingPeriod")).intValue();
    int perYear = visit ? schedule.visitsPerYear() : schedule.meetingsPerYear();
    List<RuleViolation> violations = new ArrayList<>();
    String dateField = visit ? "visitDate" : "meetingDate";
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
    List<String> fields = visit
        ? List.of("visitedPartners", "accompanyingLocalities", "partnerOpinions")
        : List.of("meetingPlace", "participants", "innovationTrends", "sharedInformation");
    Map<String, String[]> labels = Map.of(
        "visitedPartners", new String[] {"走访的创新伙伴", "partners visited"},
        "accompanyingLocalities", new String[] {"会同的属地部门", "localities that took part"},
        "partnerOpinions", new String[] {"创新伙伴的意见和建议", "the partners' opinions and advice"},
        "meetingPlace", new String[] {"交流会地点", "the place"},
        "participants", new String[] {"参会创新伙伴", "participating partners"},
        "innovationTrends", new String[] {"跟踪的科技创新动态和诉求", "innovation trends and requests followed"},
        "sharedInformation", new String[] {"交流共享的信息", "information shared"});
    for (String field : fields) {
      required(execution, violations, rule, field, labels.get(field)[0], labels.get(field)[1]);
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("period", period);
    entry.put(dateField, date.toString());
    fields.forEach(f -> entry.put(f, text(execution, f)));
    entry.put("recordedBy", currentUser(identityService));
    entry.put("recordedAt", ClockUtil.getCurrentTime().toInstant().toString());
    String list = visit ? "visits" : "meetings";
    List<Map<String, Object>> all = DistrictVariables.list(execution, list);
    all.add(entry);
    execution.getProcessInstance().setVariable(list, all);
  }
}
