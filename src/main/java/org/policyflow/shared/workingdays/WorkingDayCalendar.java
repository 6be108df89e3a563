package org.policyflow.shared.workingdays;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The official working-day calendar of mainland China (policy-rules F): Monday–Friday, minus the
 * statutory days off, plus the make-up working days, year by year.
 *
 * <p>With a {@link CalendarYearStore} (the running application) the years come from the shared database,
 * where offices confirm each new year through the process {@code working-day-calendar}; the calendar
 * files (shipped ones and an administrator's directory) only seed years the database does not hold yet.
 * Without a store (plain unit tests) the files are the calendar.
 *
 * <p>The files and their directory form one immutable snapshot swapped in a single write, so a
 * computation running while an administrator reloads sees either the old or the new files.
 */
public class WorkingDayCalendar {

  /** Deadlines in the policies are China Standard Time whatever the JVM's default zone is. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Told which year versions a deadline was computed with, so the history can show them. */
  public interface UseRecorder {
    void used(List<YearArrangement> years);
  }

  private record Snapshot(Path directory, Map<Integer, CalendarLoader.LoadedFile> files,
      Map<Integer, YearArrangement> years) {}

  private final CalendarYearStore store;
  private volatile Snapshot snapshot;
  private volatile UseRecorder recorder = years -> { };

  /** Files only: the shipped years and those of {@code directory} ({@code null}: shipped only). */
  public WorkingDayCalendar(Path directory) {
    this(directory, null);
  }

  public WorkingDayCalendar(Path directory, CalendarYearStore store) {
    this.store = store;
    this.snapshot = snapshot(directory);
  }

  public void recordUseWith(UseRecorder useRecorder) {
    this.recorder = useRecorder;
  }

  /**
   * The day on which a period of {@code days} working days that starts on {@code start} ends; the
   * start day itself is not counted, so 0 days end on the start day.
   *
   * @throws MissingCalendarYearException when a counted day lies in a year the calendar does not hold;
   *     it names the last day that can be counted and the latest start for this period
   */
  public LocalDate addWorkingDays(LocalDate start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("工作日数不能为负数：" + days + "。 The number of working days must not be negative: " + days + ".");
    }
    Map<Integer, YearArrangement> years = yearMap();
    LocalDate day = start;
    int counted = 0;
    while (counted < days) {
      day = day.plusDays(1);
      YearArrangement arrangement = years.get(day.getYear());
      if (arrangement == null) {
        throw missing(years, day.getYear(), days);
      }
      if (arrangement.isWorkingDay(day)) {
        counted++;
      }
    }
    recordUse(years, start, day);
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
    Map<Integer, YearArrangement> years = yearMap();
    YearArrangement arrangement = years.get(day.getYear());
    if (arrangement == null) {
      throw missing(years, day.getYear(), 0);
    }
    return arrangement.isWorkingDay(day);
  }

  public SortedSet<Integer> years() {
    return new TreeSet<>(yearMap().keySet());
  }

  public Optional<YearArrangement> arrangement(int year) {
    return Optional.ofNullable(yearMap().get(year));
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(snapshot.directory());
  }

  public Optional<CalendarYearStore> store() {
    return Optional.ofNullable(store);
  }

  /**
   * The last day of the unbroken run of years that ends before {@code missingYear}, or empty when the
   * year before is missing too.
   */
  public Optional<LocalDate> lastCountableDayBefore(int missingYear) {
    return yearMap().containsKey(missingYear - 1) ? Optional.of(LocalDate.of(missingYear - 1, 12, 31))
        : Optional.empty();
  }

  /**
   * The latest start day from which a period of {@code days} working days still ends by {@code last}:
   * the day before the {@code days}-th working day counted back from {@code last}. Empty when counting
   * back leaves the calendar.
   */
  public Optional<LocalDate> latestStart(int days, LocalDate last) {
    Map<Integer, YearArrangement> years = yearMap();
    LocalDate day = last;
    int counted = 0;
    while (counted < days) {
      YearArrangement arrangement = years.get(day.getYear());
      if (arrangement == null) {
        return Optional.empty();
      }
      if (arrangement.isWorkingDay(day)) {
        counted++;
      }
      if (counted < days) {
        day = day.minusDays(1);
      }
    }
    return Optional.of(days == 0 ? last : day.minusDays(1));
  }

  /** What a reload found: every year in force afterwards, and those it added to the database from files. */
  public record Reloaded(SortedSet<Integer> years, SortedSet<Integer> imported) {}

  /**
   * Reads the calendar files again (shipped and external directory) and adds to the database every year
   * it does not hold yet; years the database holds stay as confirmed there (a correction goes through the
   * process {@code working-day-calendar}). On any error in a file the calendar stays as it was and the
   * error (naming file and date) is thrown to the caller.
   *
   * @param by who asked, recorded with every year taken from a file
   */
  public synchronized Reloaded reloadFiles(String by) {
    return switchTo(snapshot.directory(), by);
  }

  /** {@link #reloadFiles} by the system; returns the years in force. */
  public SortedSet<Integer> reload() {
    return reloadFiles("system").years();
  }

  /** Switches to another external directory ({@code null}: shipped files only) and reloads. */
  public SortedSet<Integer> useDirectory(Path directory) {
    return switchTo(directory, "system").years();
  }

  private synchronized Reloaded switchTo(Path directory, String by) {
    Snapshot next = snapshot(directory);
    snapshot = next;
    SortedSet<Integer> imported = importFiles(next, by);
    return new Reloaded(years(), imported);
  }

  /** Adds the file years the database lacks; returns those added. Called at start-up and on reload. */
  public synchronized SortedSet<Integer> importMissingYears(String by) {
    return importFiles(snapshot, by);
  }

  private SortedSet<Integer> importFiles(Snapshot files, String by) {
    SortedSet<Integer> imported = new TreeSet<>();
    if (store == null) {
      return imported;
    }
    Map<Integer, ConfirmedYear> held = store.latest();
    files.files().forEach((year, file) -> {
      if (!held.containsKey(year)) {
        YearArrangement arrangement = file.arrangement();
        store.add(new ConfirmedYear(year, 0, arrangement.notice(), null, null, null, file.content(),
            arrangement.source(), by, by, org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
            null));
        imported.add(year);
      }
    });
    return imported;
  }

  private Map<Integer, YearArrangement> yearMap() {
    return store == null ? snapshot.years() : store.arrangements();
  }

  private static Snapshot snapshot(Path directory) {
    Map<Integer, CalendarLoader.LoadedFile> files = CalendarLoader.loadFiles(directory);
    Map<Integer, YearArrangement> years = new java.util.TreeMap<>();
    files.forEach((year, file) -> years.put(year, file.arrangement()));
    return new Snapshot(directory, Map.copyOf(files), Map.copyOf(years));
  }

  private MissingCalendarYearException missing(Map<Integer, YearArrangement> years, int year, int days) {
    if (!years.containsKey(year - 1)) {
      return new MissingCalendarYearException(year);
    }
    LocalDate last = LocalDate.of(year - 1, 12, 31);
    return new MissingCalendarYearException(year, last, latestStart(days, last).orElse(null), days);
  }

  private void recordUse(Map<Integer, YearArrangement> years, LocalDate from, LocalDate to) {
    List<YearArrangement> used = new ArrayList<>();
    for (int year = from.getYear(); year <= to.getYear(); year++) {
      YearArrangement arrangement = years.get(year);
      if (arrangement != null) {
        used.add(arrangement);
      }
    }
    recorder.used(used);
  }
}
