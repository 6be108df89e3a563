package org.policyflow.consortium.yongchuan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.exceptions.RuleExceptionMapping;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * YCC-O1 technical exchange (技术需求研讨和技术创新交流, 原则上每季度一次, 002 §三(四)) in yc-consortium-year:
 * recording an exchange held in the period, flagging a period that ended without one to yc-stb, and yc-stb's
 * follow-up (urge the consortium, or ask for an exception that another yc-stb officer decides).
 */
@Configuration
public class ExchangeDelegates {

  private final YcSchedule schedule;
  private final IdentityService identityService;

  public ExchangeDelegates(YcSchedule schedule, IdentityService identityService) {
    this.schedule = schedule;
    this.identityService = identityService;
  }

  /** Task_RecordExchange: the exchange must lie in its period and not in the future; topic and participants named. */
  @Bean("recordYcExchange")
  public JavaDelegate recordExchange() {
    return execution -> {
      int year = number(execution, "calendarYear");
      int period = number(execution, "exchangePeriod");
      List<RuleViolation> violations = new ArrayList<>();
      LocalDate held = FormValues.date(execution, "exchangeDate");
      LocalDate from = day(schedule.periodStart(year, period));
      LocalDate until = day(schedule.periodEnd(year, period)).minusDays(1);
      LocalDate today = day(ClockUtil.getCurrentTime());
      if (held == null || held.isBefore(from) || held.isAfter(until) || held.isAfter(today)) {
        violations.add(new RuleViolation("YCC-O1", "exchangeDate", "交流日期须在本期（" + from + "至" + until
            + "）之内且不晚于今天", "The exchange date must lie in the period " + from + "…" + until + " and not in the future"));
      }
      YcRules.required(execution, violations, "exchangeTopic", "交流主题", "The topic");
      List<String> participants = participants(execution.getVariable("exchangeParticipants"));
      if (participants.isEmpty()) {
        violations.add(new RuleViolation("YCC-O1", "exchangeParticipants", "请填写参加交流的成员单位",
            "Name the member units that took part"));
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      Map<String, Object> exchange = new LinkedHashMap<>();
      exchange.put("year", year);
      exchange.put("period", period);
      exchange.put("date", held.toString());
      exchange.put("topic", YcRules.text(execution, "exchangeTopic"));
      exchange.put("participants", participants);
      exchange.put("summary", YcRules.text(execution, "exchangeSummary"));
      exchange.put("recordedBy", YcRules.officer(identityService));
      YcRules.append(execution, "exchanges", exchange);
    };
  }

  /** Task_FlagMissedExchange: the period ended without a recorded exchange (timer at its end). */
  @Bean("flagYcMissedExchange")
  public JavaDelegate flagMissedExchange() {
    return execution -> {
      Map<String, Object> missed = new LinkedHashMap<>();
      missed.put("ruleId", "YCC-O1");
      missed.put("year", number(execution, "calendarYear"));
      missed.put("period", number(execution, "exchangePeriod"));
      missed.put("flaggedAt", YcRules.now());
      YcRules.append(execution, "missedExchanges", missed);
      // An exception refused for an earlier period says nothing about this one.
      execution.removeVariable("exceptionGranted");
      execution.removeVariable("exceptionDecisionReason");
    };
  }

  /**
   * Task_RecordMissedExchangeFollowUp: yc-stb urges the consortium, or asks for a YCC-O1 exception (原则上每季度一次)
   * that another yc-stb officer decides in rule-exception.bpmn (EXC-1); the note is the request's reason (EXC-3).
   */
  @Bean("recordYcMissedExchangeFollowUp")
  public JavaDelegate recordFollowUp() {
    return execution -> {
      List<RuleViolation> violations = new ArrayList<>();
      String action = YcRules.text(execution, "missedExchangeAction");
      if (!List.of("urge", "exception").contains(action)) {
        violations.add(new RuleViolation("YCC-O1", "missedExchangeAction", "请选择督促开展或申请例外",
            "Choose to urge the consortium or to ask for an exception"));
      } else if ("urge".equals(action)) {
        YcRules.required(execution, violations, "missedExchangeNote", "督促意见", "The note to the consortium");
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
      int year = number(execution, "calendarYear");
      int period = number(execution, "exchangePeriod");
      boolean exception = "exception".equals(action);
      RuleExceptionMapping.request(execution, exception ? List.of("YCC-O1") : List.of(), "missedExchangeNote");
      execution.setVariable("exceptionContext", year + "年第" + period + "期技术交流");
      Map<String, Object> followUp = new LinkedHashMap<>();
      followUp.put("year", year);
      followUp.put("period", period);
      followUp.put("action", action);
      followUp.put("note", YcRules.text(execution, "missedExchangeNote"));
      followUp.put("decidedBy", YcRules.officer(identityService));
      followUp.put("decidedAt", YcRules.now());
      YcRules.append(execution, "missedExchangeFollowUps", followUp);
    };
  }

  /** A list (from Java or JSON) or the form's text with the names separated by 、 , ， ; or ；. */
  static List<String> participants(Object value) {
    if (value instanceof String text && !text.trim().startsWith("[")) {
      return java.util.Arrays.stream(text.split("[、,，;；]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return VariableValues.strings(value);
  }

  static int number(DelegateExecution execution, String name) {
    return ((Number) execution.getVariable(name)).intValue();
  }

  private static LocalDate day(Date instant) {
    return instant.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
  }
}
