package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's external directory: override, next year's arrangement, reload (policy-rules F). */
class WorkingDayCalendarDirectoryTest {

  /** Not an official arrangement: a plausible 2027 New Year holiday, enough to exercise the reload. */
  static final String HYPOTHETICAL_2027 = """
      {"year":2027,"notice":"测试用假设安排（非官方） hypothetical, for tests only",
       "holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}],
       "workingWeekends":[]}""";

  @TempDir Path directory;

  @Test
  void workingDaysF_nextYearAddedToTheDirectoryIsUsedAfterReload() throws IOException {
    WorkingDayCalendar calendar = new WorkingDayCalendar(directory);
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-12-28"), 5))
        .isInstanceOf(MissingCalendarYearException.class);

    Files.writeString(directory.resolve("2027.json"), HYPOTHETICAL_2027);
    assertThat(calendar.reload()).containsExactly(2024, 2025, 2026, 2027);

    assertThat(calendar.addWorkingDays(LocalDate.parse("2026-12-28"), 5)).isEqualTo(LocalDate.parse("2027-01-05"));
  }

  @Test
  void workingDaysF_externalFileReplacesTheShippedFileOfItsYear() throws IOException {
    Files.writeString(directory.resolve("2026.json"), """
        {"year":2026,"notice":"更正","holidays":[{"name":"假设假日","from":"2026-09-21","to":"2026-09-21"}]}""");
    WorkingDayCalendar calendar = new WorkingDayCalendar(directory);

    assertThat(calendar.arrangement(2026).orElseThrow().source()).endsWith("2026.json").doesNotStartWith("classpath:");
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-21"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-05"))).isTrue();
    assertThat(calendar.addWorkingDays(LocalDate.parse("2025-09-26"), 5)).isEqualTo(LocalDate.parse("2025-10-10"));
  }

  @Test
  void workingDaysF_invalidFileOnReloadKeepsTheCalendarInUse() throws IOException {
    WorkingDayCalendar calendar = new WorkingDayCalendar(directory);
    Files.writeString(directory.resolve("2027.json"), """
        {"year":2027,"workingWeekends":["2027-01-04"]}""");

    assertThatThrownBy(calendar::reload)
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining(directory.resolve("2027.json").toAbsolutePath().toString())
        .hasMessageContaining("2027-01-04");
    assertThat(calendar.years()).containsExactly(2024, 2025, 2026);
    assertThat(calendar.directory()).contains(directory);
  }

  @Test
  void workingDaysF_missingDirectoryIsAStartUpErrorNamingTheProperty() {
    Path absent = directory.resolve("absent");
    assertThatThrownBy(() -> new WorkingDayCalendar(absent))
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining(absent.toString())
        .hasMessageContaining("policyflow.working-days.directory");
  }

  @Test
  void workingDaysF_useDirectorySwitchesBackToTheShippedFiles() throws IOException {
    Files.writeString(directory.resolve("2027.json"), HYPOTHETICAL_2027);
    WorkingDayCalendar calendar = new WorkingDayCalendar(directory);
    assertThat(calendar.years()).contains(2027);

    assertThat(calendar.useDirectory(null)).containsExactly(2024, 2025, 2026);
    assertThat(calendar.directory()).isEmpty();
  }
}
