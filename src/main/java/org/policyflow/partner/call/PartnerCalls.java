package org.policyflow.partner.call;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Service;

/** Finds call rounds (running partner-call instances, business key = call id) on behalf of the system. */
@Service
public class PartnerCalls {

  public static final String PROCESS_KEY = "partner-call";
  public static final String COOPERATION_PROCESS_KEY = "partner-cooperation";

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final SystemAccess system;

  public PartnerCalls(RuntimeService runtimeService, HistoryService historyService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.system = system;
  }

  public Optional<ProcessInstance> findRunning(String callId) {
    return Optional.ofNullable(system.call(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(callId).singleResult()));
  }

  /** Whether a call with this id was ever started (running or finished): call ids are never reused. */
  public boolean exists(String callId) {
    return system.call(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(callId).count() > 0);
  }

  /** A call's two deadlines (000 §五1–2). */
  public record Deadlines(Date applicationClosesAt, Date recommendationClosesAt) {}

  /** Both deadlines in one read, for the acceptance of every application. */
  public Deadlines deadlines(String callInstanceId) {
    return system.call(() -> {
      Map<String, Object> values = runtimeService.getVariables(callInstanceId,
          List.of("applicationClosesAt", "recommendationClosesAt"));
      return new Deadlines((Date) values.get("applicationClosesAt"), (Date) values.get("recommendationClosesAt"));
    });
  }

  /**
   * TZP-Q3: partners selected in the target period (001 counts partners 培育 by 2027): every cooperation
   * started in it, also those whose three years are over or that were terminated. An indexed count on
   * the historic instances of one process, whatever the number of calls.
   */
  public long partnersSelectedBetween(LocalDate from, LocalDate until) {
    Date start = Date.from(from.atStartOfDay(ZoneId.systemDefault()).toInstant());
    Date end = Date.from(until.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
    // Both bounds of the query are inclusive: the period ends the millisecond before the next day.
    return system.call(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(COOPERATION_PROCESS_KEY).startedAfter(start).startedBefore(new Date(end.getTime() - 1))
        .count());
  }

  /** TZP-Q3: partners whose cooperation is running (signed or signing, not terminated or finished). */
  public long activePartners() {
    return system.call(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(COOPERATION_PROCESS_KEY).active().count());
  }
}
