package org.policyflow.partner.district;

import static org.policyflow.partner.district.DistrictVariables.currentUser;
import static org.policyflow.partner.district.DistrictVariables.oneOf;
import static org.policyflow.partner.district.DistrictVariables.required;
import static org.policyflow.partner.district.DistrictVariables.text;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
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
 * The user tasks of partner-service-request (execution listener at the end of each): the server's check of
 * what the forms ask, and what each step records. DST-S2: a request is assigned to a department, which has
 * {@code handling-working-days} for it (overdue → the district commission supervises); DST-S3: it is closed
 * only on the partner's confirmation, an unresolved request goes back to the department with a new period.
 */
@Component("serviceRequestCheck")
public class ServiceRequestCheck implements ExecutionListener {

  static final Map<String, String> DEPARTMENTS = Map.of("sti", "区科委", "locality", "属地部门");
  static final Map<String, String> RESOLUTIONS = Map.of("resolved", "已解决", "notResolved", "未解决，需继续跟进");
  static final Map<String, String> SATISFACTION = Map.of("satisfied", "满意", "basicallySatisfied", "基本满意",
      "dissatisfied", "不满意");

  private final DistrictProperties properties;
  private final WorkingDayCalendar calendar;
  private final IdentityService identityService;

  public ServiceRequestCheck(DistrictProperties properties, WorkingDayCalendar calendar, IdentityService identityService) {
    this.properties = properties;
    this.calendar = calendar;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return; // ended by its deadline timer or an administrator, not submitted: nothing to check or record
    }
    List<RuleViolation> violations = new ArrayList<>();
    Date now = ClockUtil.getCurrentTime();
    switch (execution.getCurrentActivityId()) {
      case "Task_AssignRequest" -> {
        oneOf(execution, violations, "DST-S2", "handlingDepartment", DEPARTMENTS, "承办部门（区科委/属地部门）",
            "handling department (district commission / locality)");
        if (violations.isEmpty()) {
          boolean sti = "sti".equals(text(execution, "handlingDepartment"));
          execution.setVariable("handlingGroup", sti ? "tz-sti" : text(execution, "localityGroup"));
          execution.setVariable("handlingDepartmentName", DEPARTMENTS.get(text(execution, "handlingDepartment")));
          execution.setVariable("assignedBy", currentUser(identityService));
          execution.setVariable("handlingDueAt", calendar.periodEnd(now, properties.handlingWorkingDays()));
        }
      }
      case "Task_HandleRequest" -> {
        required(execution, violations, "DST-S2", "handlingResult", "办理情况和结果", "what was done and the result");
        if (violations.isEmpty()) {
          Map<String, Object> round = new LinkedHashMap<>();
          round.put("round", ((Number) execution.getVariable("followUpRound")).intValue() + 1);
          round.put("handlingGroup", text(execution, "handlingGroup"));
          round.put("handlingResult", text(execution, "handlingResult"));
          round.put("handledBy", currentUser(identityService));
          round.put("handledAt", now.toInstant().toString());
          Date due = (Date) execution.getVariable("handlingDueAt");
          round.put("dueAt", due.toInstant().toString());
          round.put("overdue", now.after(due));
          List<Map<String, Object>> rounds = DistrictVariables.list(execution, "handlingRounds");
          rounds.add(round);
          execution.setVariable("handlingRounds", rounds);
          execution.setVariable("confirmDueAt", Date.from(ZonedDateTime.ofInstant(now.toInstant(), WorkingDayCalendar.ZONE)
              .plus(properties.confirmationPeriod()).toInstant()));
          // The partner answers this round afresh.
          execution.setVariable("requestResolved", null);
          execution.setVariable("satisfaction", null);
          execution.setVariable("partnerComment", null);
        }
      }
      case "Task_ConfirmResult" -> {
        oneOf(execution, violations, "DST-S3", "requestResolved", RESOLUTIONS, "诉求是否已解决", "whether the request is resolved");
        oneOf(execution, violations, "DST-S3", "satisfaction", SATISFACTION, "满意度评价", "satisfaction");
        if ("notResolved".equals(text(execution, "requestResolved"))) {
          required(execution, violations, "DST-S3", "partnerComment", "尚未解决的问题", "what is still unresolved");
        }
        if (violations.isEmpty()) {
          List<Map<String, Object>> rounds = DistrictVariables.list(execution, "handlingRounds");
          Map<String, Object> last = rounds.get(rounds.size() - 1);
          last.put("requestResolved", text(execution, "requestResolved"));
          last.put("satisfaction", text(execution, "satisfaction"));
          last.put("partnerComment", text(execution, "partnerComment"));
          execution.setVariable("handlingRounds", rounds);
          if ("notResolved".equals(text(execution, "requestResolved"))) {
            execution.setVariable("followUpRound", ((Number) execution.getVariable("followUpRound")).intValue() + 1);
            execution.setVariable("handlingDueAt", calendar.periodEnd(now, properties.handlingWorkingDays()));
            execution.setVariable("handlingResult", null);
          }
        }
      }
      case "Task_SuperviseRequest" -> {
        required(execution, violations, "DST-S2", "supervisionAction", "督办情况", "what was done to supervise");
        if (violations.isEmpty()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("supervisedBy", currentUser(identityService));
          entry.put("supervisedAt", now.toInstant().toString());
          entry.put("handlingGroup", text(execution, "handlingGroup"));
          entry.put("supervisionAction", text(execution, "supervisionAction"));
          List<Map<String, Object>> supervisions = DistrictVariables.list(execution, "supervisions");
          supervisions.add(entry);
          execution.setVariable("supervisions", supervisions);
          execution.setVariable("supervisionAction", null);
        }
      }
      default -> throw new IllegalStateException("serviceRequestCheck is not configured for "
          + execution.getCurrentActivityId());
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
  }
}
