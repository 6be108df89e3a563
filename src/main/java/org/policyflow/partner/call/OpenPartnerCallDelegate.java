package org.policyflow.partner.call;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.partner.PartnerProperties;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.identity.IdentityProperties;
import org.policyflow.shared.identity.IdentityProperties.Locality;
import org.policyflow.shared.quota.QuotaService;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.MissingCalendarYearException;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Publishes a call round (000 §五1): checks the officer's entries, names the round, fixes the
 * application and recommendation deadlines and opens every locality's recommendation quota (TZP-Q1).
 */
@Component("openPartnerCall")
public class OpenPartnerCallDelegate implements JavaDelegate {

  private final PartnerProperties properties;
  private final IdentityProperties identity;
  private final WorkingDayCalendar calendar;
  private final QuotaService quotas;
  private final PartnerCalls calls;

  public OpenPartnerCallDelegate(PartnerProperties properties, IdentityProperties identity, WorkingDayCalendar calendar,
      QuotaService quotas, PartnerCalls calls) {
    this.properties = properties;
    this.identity = identity;
    this.calendar = calendar;
    this.quotas = quotas;
    this.calls = calls;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<RuleViolation> violations = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
    Double year = FormValues.number(execution, "callYear");
    if (year == null || year < today.getYear() - 1) {
      violations.add(new RuleViolation("TZP-S1", "callYear", "请填写征集年度", "Enter the year of the call"));
    }
    LocalDate deadline = FormValues.date(execution, "applicationDeadline");
    if (deadline == null || deadline.isBefore(today)) {
      violations.add(new RuleViolation("TZP-S1", "applicationDeadline", "申报截止日期应为今天或以后的日期",
          "The application deadline must be today or a later date"));
    }
    Double places = FormValues.number(execution, "places");
    if (places == null || places < 1 || places != Math.floor(places)) {
      violations.add(new RuleViolation("TZP-Q2", "places", "本轮名额应为不小于1的整数",
          "The number of places must be a whole number of at least 1"));
    }
    Map<String, Integer> quotaByLocality = quotas(execution, violations);
    String callId = callId(execution, year, violations);
    Date recommendationClosesAt = deadline == null ? null : recommendationClosesAt(deadline, violations);
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }

    execution.setProcessBusinessKey(callId);
    execution.setVariable("callId", callId);
    execution.setVariable("places", places.intValue());
    execution.setVariable("noticeDays", properties.noticeWorkingDays());
    execution.setVariable("targetPartners", properties.targetPartners());
    execution.setVariable("applicationClosesAt", Date.from(WorkingDayCalendar.endOfDay(deadline).toInstant()));
    execution.setVariable("recommendationClosesAt", recommendationClosesAt);
    List<Map<String, Object>> table = new ArrayList<>();
    for (Locality locality : identity.localities()) {
      int quota = quotaByLocality.get(locality.id());
      quotas.open(execution, locality.id(), quota);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("localityGroup", locality.id());
      row.put("localityName", locality.name());
      row.put("quota", quota);
      table.add(row);
    }
    execution.setVariable("localityQuotaTable", table);
  }

  /**
   * The end of the localities' recommendation period, counted in working days after the application
   * deadline. When the calendar does not hold the year the period reaches (WDC-M1), the officer is told
   * at the form which deadline is the latest that can be counted today.
   */
  private Date recommendationClosesAt(LocalDate deadline, List<RuleViolation> violations) {
    int days = properties.recommendationWorkingDays();
    try {
      return Date.from(calendar.periodEnd(deadline, days).toInstant());
    } catch (MissingCalendarYearException e) {
      String latest = e.latestStart().map(LocalDate::toString).orElse(null);
      violations.add(new RuleViolation(MissingCalendarYearException.RULE, "applicationDeadline",
          "属地推荐期限为申报截止日后" + days + "个工作日，将进入" + e.year() + "年，而工作日历尚无" + e.year()
              + "年的节假日安排" + (latest == null ? "" : "：申报截止日期最晚可定为 " + latest)
              + "；或待" + e.year() + "年安排在“工作日历年度安排”流程中录入并确认后再发布",
          "The recommendation period of " + days + " working days after the deadline reaches " + e.year()
              + ", which the working-day calendar does not hold yet" + (latest == null ? "" : ": the latest deadline "
              + "that can be counted is " + latest) + "; or publish once " + e.year() + " has been entered and confirmed"));
      return null;
    }
  }

  /** The default quota for every locality, overridden where the officer set one (TZP-Q1). */
  private Map<String, Integer> quotas(DelegateExecution execution, List<RuleViolation> violations) {
    Double fallback = FormValues.number(execution, "defaultLocalityQuota");
    int defaultQuota = fallback == null ? properties.defaultLocalityQuota() : fallback.intValue();
    if (defaultQuota < 1) {
      violations.add(new RuleViolation("TZP-Q1", "defaultLocalityQuota", "每个属地的推荐名额至少为1",
          "Each locality's recommendation quota must be at least 1"));
    }
    Map<String, Integer> byLocality = new HashMap<>();
    identity.localities().forEach(l -> byLocality.put(l.id(), defaultQuota));
    for (Map<String, Object> override : FormValues.objects(execution, "localityQuotas")) {
      Object group = override.get("localityGroup");
      Object quota = override.get("quota");
      if (!byLocality.containsKey(String.valueOf(group))) {
        violations.add(new RuleViolation("TZP-Q1", "localityQuotas", "未知的属地：" + group, "Unknown locality: " + group));
      } else if (!(quota instanceof Number n) || n.intValue() < 0) {
        violations.add(new RuleViolation("TZP-Q1", "localityQuotas", "属地名额应为不小于0的整数：" + group,
            "A locality's quota must be a whole number of at least 0: " + group));
      } else {
        byLocality.put(String.valueOf(group), n.intValue());
      }
    }
    return byLocality;
  }

  /** The business key given on start, or TZP-{year}-{nn}; unique among all calls ever started. */
  private String callId(DelegateExecution execution, Double year, List<RuleViolation> violations) {
    String given = execution.getProcessBusinessKey();
    if (given != null && !given.isBlank()) {
      if (calls.exists(given.trim())) {
        violations.add(new RuleViolation("TZP-S1", "businessKey", "征集批次编号已被使用：" + given,
            "The call id is already in use: " + given));
      }
      return given.trim();
    }
    int y = year == null ? 0 : year.intValue();
    for (int n = 1; ; n++) {
      String candidate = String.format("TZP-%d-%02d", y, n);
      if (!calls.exists(candidate)) {
        return candidate;
      }
    }
  }
}
