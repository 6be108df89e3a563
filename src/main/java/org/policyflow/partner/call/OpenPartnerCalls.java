package org.policyflow.partner.call;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.partner.application.PartnerApplications;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Service;

/**
 * The call rounds that are running (a {@code partner-call} instance from publication to the published
 * result), read as the system: the officer's list of open calls and the applicant's choice of call.
 * Accepting applications ends at the call's {@code applicationClosesAt}, the instant from which the
 * application's own start step refuses it.
 */
@Service
public class OpenPartnerCalls {

  /**
   * One running call. {@code applicationDeadline} is the last day applications are accepted (the day
   * the officer entered); {@code applications} counts the applications the call accepted so far.
   */
  public record OpenCall(String callId, String title, String instanceId, LocalDate applicationDeadline,
      Date applicationClosesAt, Date recommendationClosesAt, Integer places, long applications,
      boolean acceptingApplications) {}

  private final RuntimeService runtime;
  private final HistoryService history;
  private final SystemAccess system;

  public OpenPartnerCalls(RuntimeService runtime, HistoryService history, SystemAccess system) {
    this.runtime = runtime;
    this.history = history;
    this.system = system;
  }

  /** Every running call, those still accepting applications first, each group by deadline. */
  public List<OpenCall> running() {
    Date now = ClockUtil.getCurrentTime();
    return system.call(() -> runtime.createProcessInstanceQuery().processDefinitionKey(PartnerCalls.PROCESS_KEY)
        .list().stream()
        .map(call -> {
          Map<String, Object> v = runtime.getVariables(call.getId(),
              List.of("callId", "callTitle", "applicationClosesAt", "recommendationClosesAt", "places"));
          Date closesAt = (Date) v.get("applicationClosesAt");
          long applications = history.createHistoricProcessInstanceQuery()
              .processDefinitionKey(PartnerApplications.PROCESS_KEY)
              .variableValueEquals("callInstanceId", call.getId()).count();
          String callId = v.get("callId") instanceof String id ? id : call.getBusinessKey();
          return new OpenCall(callId, v.get("callTitle") instanceof String t ? t : null, call.getId(),
              closesAt == null ? null : lastDay(closesAt), closesAt, (Date) v.get("recommendationClosesAt"),
              v.get("places") instanceof Number n ? n.intValue() : null, applications,
              closesAt != null && now.before(closesAt));
        })
        .sorted(Comparator.comparing(OpenCall::acceptingApplications).reversed()
            .thenComparing(OpenCall::applicationClosesAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(OpenCall::callId, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList());
  }

  /** The calls an applicant can apply to right now. */
  public List<OpenCall> acceptingApplications() {
    return running().stream().filter(OpenCall::acceptingApplications).toList();
  }

  /** The deadline day: applications close at the start of the following day. */
  static LocalDate lastDay(Date closesAt) {
    return new Date(closesAt.getTime() - 1).toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
  }
}
