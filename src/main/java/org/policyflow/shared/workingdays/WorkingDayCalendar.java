package org.policyflow.shared.workingdays;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The official working-day calendar of mainland China (policy-rules F): Monday–Friday, minus the
 * statutory days off, plus the make-up working days, year by year as loaded from the calendar files.
 *
 * <p>Deadlines are computed by many threads (job executor, REST) while an administrator may reload;
 * the loaded years and their directory form one immutable snapshot swapped in a single write, so a
 * computation sees either the old or the new calendar, never a mixture.
 */
public class WorkingDayCalendar {

  /** Deadlines in the policies are China Standard Time whatever the JVM's default zone is. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private record Snapshot(Path directory, Map<Integer, YearArrangement> years) {}

  private volatile Snapshot snapshot;

  /** @param directory the administrator's external calendar directory, or {@code null} */
  public WorkingDayCalendar(Path directory) {
    this.snapshot = new Snapshot(directory, CalendarLoader.load(directory));
  }

  /**
   * The day on which a period of {@code days} working days that starts on {@code start} ends; the
   * start day itself is not counted, so 0 days end on the start day.
   *
   * @throws MissingCalendarYearException when a counted day lies in a year that is not loaded
   */
  public LocalDate addWorkingDays(LocalDate start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("工作日数不能为负数：" + days + "。 The number of working days must not be negative: " + days + ".");
    }
    Map<Integer, YearArrangement> years = snapshot.years();
    LocalDate day = start;
    int counted = 0;
    while (counted < days) {
      day = day.plusDays(1);
      if (arrangement(years, day.getYear()).isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /** The instant a period ends: 24:00 China Standard Time of its last working day. */
  public ZonedDateTime periodEnd(LocalDate start, int days) {
    return endOfDay(addWorkingDays(start, days));
  }

  /** {@link #periodEnd} for a period that starts at an instant, as a timer or task due date. */
  public Date periodEnd(Date start, int days) {
    LocalDate startDay = start.toInstant().atZone(ZONE).toLocalDate();
    return Date.from(periodEnd(startDay, days).toInstant());
  }

  public static ZonedDateTime endOfDay(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZONE);
  }

  public boolean isWorkingDay(LocalDate day) {
    return arrangement(snapshot.years(), day.getYear()).isWorkingDay(day);
  }

  public SortedSet<Integer> years() {
    return new TreeSet<>(snapshot.years().keySet());
  }

  public Optional<YearArrangement> arrangement(int year) {
    return Optional.ofNullable(snapshot.years().get(year));
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(snapshot.directory());
  }

  /**
   * Reads the shipped files and the external directory again. On any error the calendar in use stays
   * as it was and the error (naming file and date) is thrown to the caller.
   */
  public synchronized SortedSet<Integer> reload() {
    return useDirectory(snapshot.directory());
  }

  /** Switches to another external directory ({@code null}: shipped files only) and reloads. */
  public synchronized SortedSet<Integer> useDirectory(Path directory) {
    snapshot = new Snapshot(directory, CalendarLoader.load(directory));
    return years();
  }

  private static YearArrangement arrangement(Map<Integer, YearArrangement> years, int year) {
    YearArrangement arrangement = years.get(year);
    if (arrangement == null) {
      throw new MissingCalendarYearException(year);
    }
    return arrangement;
  }
}
