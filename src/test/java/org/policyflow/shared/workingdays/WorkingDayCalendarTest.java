package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The reference cases of working-days.md on the shipped calendar files (policy-rules F). */
class WorkingDayCalendarTest {

  private final WorkingDayCalendar calendar = new WorkingDayCalendar(null);

  @Test
  void workingDaysF_shipsTheOfficialArrangementsOf2024To2026() {
    assertThat(calendar.years()).containsExactly(2024, 2025, 2026);
    assertThat(calendar.arrangement(2026).orElseThrow().notice()).contains("国办发明电〔2025〕7号");
  }

  @Test
  void workingDaysF_referenceCase_2024_02_08_plus5_endsOn_2024_02_21() {
    assertEnd("2024-02-08", 5, "2024-02-21");
  }

  @Test
  void workingDaysF_referenceCase_2025_09_26_plus5_endsOn_2025_10_10() {
    assertEnd("2025-09-26", 5, "2025-10-10");
  }

  @Test
  void workingDaysF_referenceCase_2025_12_29_plus5_endsOn_2026_01_06() {
    assertEnd("2025-12-29", 5, "2026-01-06");
  }

  @Test
  void workingDaysF_referenceCase_2026_02_13_plus5_endsOn_2026_02_27() {
    assertEnd("2026-02-13", 5, "2026-02-27");
  }

  @Test
  void workingDaysF_referenceCase_2026_09_18_plus5_endsOn_2026_09_24() {
    assertEnd("2026-09-18", 5, "2026-09-24");
  }

  @Test
  void workingDaysF_referenceCase_2026_09_30_plus5_endsOn_2026_10_13() {
    assertEnd("2026-09-30", 5, "2026-10-13");
  }

  @Test
  void workingDaysF_referenceCase_2026_12_28_plus5_failsNaming2027() {
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-12-28"), 5))
        .isInstanceOf(MissingCalendarYearException.class)
        .hasMessageContaining("工作日历缺少 2027 年的节假日安排")
        .hasMessageContaining("no arrangement for 2027")
        .satisfies(e -> assertThat(((MissingCalendarYearException) e).year()).isEqualTo(2027));
  }

  @Test
  void workingDaysF_daysWithinTheLoadedYearNeedNoFollowingYear() {
    assertEnd("2026-12-28", 3, "2026-12-31");
  }

  @Test
  void workingDaysF_springFestivalEve2024IsAWorkingDayAndMakeUpSundaysCount() {
    assertThat(calendar.isWorkingDay(LocalDate.parse("2024-02-09"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2024-02-18"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2024-02-12"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2024-02-24"))).isFalse();
  }

  @Test
  void workingDaysF_zeroDaysEndOnTheStartDay_negativeDaysAreRefused() {
    assertEnd("2026-10-03", 0, "2026-10-03");
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-10-03"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noticeTZP_N1_periodEndsAtMidnightChinaStandardTimeAfterTheLastWorkingDay() {
    assertThat(calendar.periodEnd(LocalDate.parse("2025-09-26"), 5).toOffsetDateTime())
        .isEqualTo(OffsetDateTime.parse("2025-10-11T00:00+08:00"));
    Date lateEveningStart = Date.from(OffsetDateTime.parse("2026-09-30T23:30+08:00").toInstant());
    assertThat(calendar.periodEnd(lateEveningStart, 5).toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-10-14T00:00+08:00").toInstant());
  }

  private void assertEnd(String start, int days, String end) {
    assertThat(calendar.addWorkingDays(LocalDate.parse(start), days)).isEqualTo(LocalDate.parse(end));
  }
}
