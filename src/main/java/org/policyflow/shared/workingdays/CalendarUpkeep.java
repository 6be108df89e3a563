package org.policyflow.shared.workingdays;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Keeping the official calendar current (policy-rules F): an office enters a year from the State
 * Council's notice, an officer of another office confirms it (four-eyes, {@value #FOUR_EYES}), it takes
 * effect on every node at once, and whatever had stopped for want of that year resumes by itself.
 * Also the early warning: from 1 November, whether next year is still missing and how many running
 * deadlines already wait for it.
 */
@Service
public class CalendarUpkeep {

  /** A year is confirmed by another person of another office than the one who entered it. */
  public static final String FOUR_EYES = "WDC-C1";
  /** A correction of a confirmed year states why and changes something. */
  public static final String CORRECTION = "WDC-V2";

  private static final Logger LOG = LoggerFactory.getLogger(CalendarUpkeep.class);
  private static final MonthDay WARNING_FROM = MonthDay.of(11, 1);

  /** What the confirming officer sees and the process keeps until confirmation. */
  public record Prepared(String content, String preview, String changes, boolean correction,
      List<String> confirmingOffices) {}

  /** The early warning shown in Tasklist and on the Cockpit dashboard. */
  public record Status(LocalDate today, List<YearInForce> years, int nextYear, boolean nextYearMissing,
      boolean warning, LocalDate lastCountableDay, long waitingJobs, long timersInNextYear,
      long tasksDueInNextYear, String message) {}

  public record YearInForce(int year, int revision, String version, String notice, String noticeLink,
      String enteredBy, String confirmedBy, Instant confirmedAt, String source) {}

  private final WorkingDayCalendar calendar;
  private final CalendarYearStore store;
  private final ManagementService managementService;
  private final TaskService taskService;
  private final SystemAccess system;
  private final List<String> offices;

  public CalendarUpkeep(WorkingDayCalendar calendar, CalendarYearStore store, ManagementService managementService,
      TaskService taskService, SystemAccess system,
      @Value("${policyflow.working-days.offices:tz-sti,bj-sti,yc-stb,camunda-admin}") List<String> offices) {
    this.calendar = calendar;
    this.store = store;
    this.managementService = managementService;
    this.taskService = taskService;
    this.system = system;
    this.offices = List.copyOf(offices);
  }

  /** The offices that keep the calendar: they enter and confirm years. */
  public List<String> offices() {
    return offices;
  }

  /**
   * Checks an entry ({@value CalendarEntry#RULE}, {@value #CORRECTION}) and prepares what the confirming
   * officer checks: the month view, what changes against the year in force, and which offices may confirm.
   *
   * @throws PolicyRuleException naming every field that is wrong
   */
  public Prepared prepare(CalendarEntry entry, String correctionReason, String enteredBy, Set<String> enteredByGroups) {
    List<RuleViolation> violations = new ArrayList<>(entry.check(today()));
    List<String> entrantOffices = officesOf(enteredByGroups);
    if (enteredBy == null || entrantOffices.isEmpty()) {
      violations.add(new RuleViolation(FOUR_EYES, "calendarYear",
          "工作日历只能由 " + String.join("、", offices) + " 的工作人员登录后录入",
          "Only a signed-in officer of " + String.join(", ", offices) + " may enter the calendar"));
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
    Optional<ConfirmedYear> current = store.latest(entry.year());
    String changes = current.map(year -> entry.changesAgainst(year.arrangement())).orElse("");
    if (current.isPresent()) {
      if (correctionReason == null || correctionReason.isBlank()) {
        violations.add(new RuleViolation(CORRECTION, "correctionReason",
            entry.year() + " 年的安排已于 " + current.get().confirmedAt().atZone(WorkingDayCalendar.ZONE).toLocalDate()
                + " 确认（" + current.get().versionLabel() + "），更正须填写更正原因",
            "The arrangement for " + entry.year() + " is already confirmed: a correction needs a reason"));
      }
      if (changes.isEmpty()) {
        violations.add(new RuleViolation(CORRECTION, "holidays",
            "录入内容与现行的 " + current.get().versionLabel() + " 完全相同，无需更正",
            "The entry is identical to the version in force: nothing to correct"));
      }
      if (!violations.isEmpty()) {
        throw new PolicyRuleException(violations);
      }
    }
    List<String> confirming = offices.stream().filter(office -> !entrantOffices.contains(office)).toList();
    return new Prepared(entry.toJson(), entry.preview(), current.isPresent() ? changes : "新录入年度（此前无该年安排）",
        current.isPresent(), confirming);
  }

  /**
   * {@value #FOUR_EYES}: the confirming officer is not the one who entered the year and belongs to
   * none of the entrant's offices, but to one of the offices that keep the calendar.
   */
  public void checkConfirmer(String enteredBy, Set<String> entrantOffices, String confirmer, Set<String> confirmerGroups) {
    List<String> confirmerOffices = officesOf(confirmerGroups);
    if (confirmer == null || confirmer.equals(enteredBy)) {
      throw new PolicyRuleException(FOUR_EYES, "calendarDecision",
          "录入人不能确认本人录入的工作日历（四眼原则），须由其他部门的工作人员核对确认",
          "Whoever entered the calendar cannot confirm it (four-eyes): an officer of another office must");
    }
    if (confirmerOffices.isEmpty() || confirmerOffices.stream().anyMatch(entrantOffices::contains)) {
      throw new PolicyRuleException(FOUR_EYES, "calendarDecision",
          "工作日历须由录入部门（" + String.join("、", entrantOffices) + "）以外的 " + String.join("、", offices)
              + " 工作人员确认",
          "The calendar must be confirmed by an officer of " + String.join(", ", offices)
              + " outside the entering office (" + String.join(", ", entrantOffices) + ")");
    }
  }

  /**
   * Puts a confirmed entry into force: a new version of the year in the shared database, used by every
   * node from the moment the transaction commits. An entry identical to the version in force (two entries
   * of the same notice confirmed one after the other) adds nothing.
   */
  public ConfirmedYear activate(CalendarEntry entry, String enteredBy, String confirmedBy, String processInstanceId,
      String correctionReason) {
    Optional<ConfirmedYear> current = store.latest(entry.year());
    String changes = current.map(year -> entry.changesAgainst(year.arrangement())).orElse(null);
    if (current.isPresent() && changes.isEmpty()) {
      LOG.info("Calendar {} confirmed by {} is identical to {}; nothing added", entry.year(), confirmedBy,
          current.get().versionLabel());
      return current.get();
    }
    String record = changes == null ? null
        : (correctionReason == null || correctionReason.isBlank() ? "" : "更正原因：" + correctionReason.trim() + "；")
            + changes;
    ConfirmedYear added = store.add(new ConfirmedYear(entry.year(), 0, entry.notice(), entry.noticeNumber(),
        LocalDate.parse(entry.noticeDate().substring(0, 10)), entry.noticeLink(), entry.toJson(),
        "process:" + processInstanceId, enteredBy, confirmedBy, ClockUtil.getCurrentTime().toInstant(),
        record == null ? null : truncate(record, 4000)));
    LOG.info("Working-day calendar {} in force (entered by {}, confirmed by {})", added.versionLabel(), enteredBy,
        confirmedBy);
    return added;
  }

  /**
   * Retries every job that failed for want of {@code year} ({@link MissingCalendarYearException#marker}):
   * an incident's job gets a retry again (the incident is resolved), a job still retrying is due now. The
   * job executor then computes the timers and due dates that had stopped. Runs as the system: the jobs
   * belong to every programme, not to the office that confirmed the year.
   *
   * @return how many jobs were resumed
   */
  public int resumeWaitingJobs(int year) {
    return system.call(() -> {
      Date now = ClockUtil.getCurrentTime();
      int resumed = 0;
      for (Job job : waitingJobs(year)) {
        managementService.setJobRetries(job.getId(), Math.max(1, job.getRetries()));
        managementService.setJobDuedate(job.getId(), now);
        resumed++;
      }
      LOG.info("Working-day calendar {}: {} waiting job(s) resumed", year, resumed);
      return resumed;
    });
  }

  /** The early warning for today (engine clock). */
  public Status status() {
    LocalDate today = today();
    int nextYear = today.getYear() + 1;
    Map<Integer, ConfirmedYear> held = store.latest();
    boolean missing = !held.containsKey(nextYear);
    boolean warning = missing && !MonthDay.from(today).isBefore(WARNING_FROM) || !held.containsKey(today.getYear());
    Date nextYearStarts = Date.from(LocalDate.of(nextYear, 1, 1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant());
    long waiting = system.call(() -> (long) waitingJobs(nextYear).size());
    long timers = missing ? system.call(() -> managementService.createJobQuery().timers().duedateHigherThan(nextYearStarts)
        .list().stream().filter(job -> job.getProcessInstanceId() != null).count()) : 0;
    long tasks = missing ? system.call(() -> taskService.createTaskQuery().dueAfter(nextYearStarts).count()) : 0;
    LocalDate lastCountable = calendar.lastCountableDayBefore(nextYear).orElse(null);
    List<YearInForce> years = held.values().stream().map(year -> new YearInForce(year.year(), year.revision(),
        year.versionLabel(), year.notice(), year.noticeLink(), year.enteredBy(), year.confirmedBy(), year.confirmedAt(),
        year.source())).toList();
    String message = !warning ? null
        : nextYear + "年节假日安排尚未录入工作日历：涉及" + nextYear + "年的期限无法计算（目前可计算到 "
            + (lastCountable == null ? "—" : lastCountable) + "）。已有 " + waiting + " 个期限因此暂停，另有 "
            + (timers + tasks) + " 个运行中的期限落在" + nextYear + "年。国务院办公厅通知发布后，请在“工作日历年度安排”流程中录入，并由另一部门确认。";
    return new Status(today, years, nextYear, missing, warning, lastCountable, waiting, timers, tasks, message);
  }

  private List<Job> waitingJobs(int year) {
    String marker = MissingCalendarYearException.marker(year);
    return managementService.createJobQuery().withException().list().stream()
        .filter(job -> job.getExceptionMessage() != null && job.getExceptionMessage().contains(marker))
        .toList();
  }

  private List<String> officesOf(Set<String> groups) {
    Set<String> result = new LinkedHashSet<>();
    if (groups != null) {
      offices.stream().filter(groups::contains).forEach(result::add);
    }
    return List.copyOf(result);
  }

  static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
