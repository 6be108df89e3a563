package org.policyflow.shared.workingdays;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Working-day periods for portals (when does a notice end?), the calendar's state and early warning,
 * and the administrator's reload of calendar files (which only adds years the database lacks).
 * Authentication is HTTP Basic against the engine (platform.RestSecurityConfiguration covers /api/*).
 */
@RestController
@RequestMapping("/api/calendar")
public class WorkingDayController {

  public record Period(String from, int days, String end, String endsAt) {}

  /** After a reload: the years in force, those newly taken from files into the database, the directory. */
  public record Loaded(SortedSet<Integer> years, SortedSet<Integer> imported, String directory) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(int status, String field, String message) {}

  /** A request parameter that cannot be used; answered 400 naming the parameter. */
  static class BadParameter extends RuntimeException {
    final String field;

    BadParameter(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  /** Who may read the calendar's state: the offices that keep it, administrators, auditors and process owners. */
  static final Set<String> STATUS_READERS = Set.of("auditors", "process-owners", Groups.CAMUNDA_ADMIN);

  private final WorkingDayCalendar calendar;
  private final IdentityService identityService;
  private final CalendarUpkeep upkeep;

  public WorkingDayController(WorkingDayCalendar calendar, IdentityService identityService, CalendarUpkeep upkeep) {
    this.calendar = calendar;
    this.identityService = identityService;
    this.upkeep = upkeep;
  }

  /**
   * The calendar's years in force (with version, notice, who entered and confirmed them) and the early
   * warning: from 1 November, whether next year is missing and how many running deadlines wait for it.
   * Tasklist (the offices) and the Cockpit dashboard show it; it also answers to the webapp login.
   */
  @GetMapping("/status")
  public ResponseEntity<?> status() {
    Authentication user = identityService.getCurrentAuthentication();
    List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.stream().noneMatch(group -> STATUS_READERS.contains(group) || upkeep.offices().contains(group))) {
      return problem(HttpStatus.FORBIDDEN, null, "只有负责工作日历的部门、审计人员和流程负责人可以查看工作日历状态。"
          + " Only the offices keeping the calendar, auditors and process owners may read the calendar's state.");
    }
    return ResponseEntity.ok(upkeep.status());
  }

  @GetMapping("/working-days")
  public Period workingDays(@RequestParam(required = false) String from, @RequestParam(required = false) String days) {
    LocalDate start = parseDate(from);
    int count = parseDays(days);
    LocalDate end = calendar.addWorkingDays(start, count);
    return new Period(start.toString(), count, end.toString(),
        WorkingDayCalendar.endOfDay(end).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  @PostMapping("/reload")
  public ResponseEntity<?> reload() {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return problem(HttpStatus.FORBIDDEN, null,
          "只有系统管理员（camunda-admin 组）可以重新加载工作日历。 Only members of group camunda-admin may reload the working-day calendar.");
    }
    WorkingDayCalendar.Reloaded reloaded = calendar.reloadFiles(user.getUserId());
    return ResponseEntity.ok(new Loaded(reloaded.years(), reloaded.imported(),
        calendar.directory().map(Path::toAbsolutePath).map(Path::toString).orElse(null)));
  }

  @ExceptionHandler(BadParameter.class)
  ResponseEntity<Problem> badParameter(BadParameter e) {
    return problem(HttpStatus.BAD_REQUEST, e.field, e.getMessage());
  }

  @ExceptionHandler(MissingCalendarYearException.class)
  ResponseEntity<Problem> missingYear(MissingCalendarYearException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, null, e.getMessage());
  }

  @ExceptionHandler(CalendarDataException.class)
  ResponseEntity<Problem> invalidData(CalendarDataException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, null, e.getMessage());
  }

  private static ResponseEntity<Problem> problem(HttpStatus status, String field, String message) {
    return ResponseEntity.status(status).body(new Problem(status.value(), field, message));
  }

  private static LocalDate parseDate(String from) {
    try {
      return LocalDate.parse(from == null ? "" : from);
    } catch (DateTimeParseException e) {
      throw new BadParameter("from", "参数 from 须为 YYYY-MM-DD 格式的日期，收到“" + (from == null ? "" : from)
          + "”。 Parameter from must be a date of the form YYYY-MM-DD, got '" + (from == null ? "" : from) + "'.");
    }
  }

  private static int parseDays(String days) {
    try {
      int count = Integer.parseInt(days == null ? "" : days.trim());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // answered below, like a negative number
    }
    throw new BadParameter("days", "参数 days 须为不小于 0 的整数（工作日数），收到“" + (days == null ? "" : days)
        + "”。 Parameter days must be a whole number of working days, 0 or more, got '" + (days == null ? "" : days) + "'.");
  }
}
