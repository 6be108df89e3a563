package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Validation of a calendar file as an administrator writes it (policy-rules F). */
class CalendarFileReaderTest {

  @Test
  void workingDaysF_readsHolidayRangesAndMakeUpDays() {
    YearArrangement year = read("2026.json", """
        {"year":2026,"notice":"国办发明电〔2025〕7号",
         "holidays":[{"name":"国庆节","from":"2026-10-01","to":"2026-10-07"}],
         "workingWeekends":["2026-10-10"]}""");
    assertThat(year.daysOff()).hasSize(7).contains(LocalDate.parse("2026-10-04"));
    assertThat(year.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
    assertThat(year.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse();
  }

  @Test
  void workingDaysF_makeUpDayOnAWeekdayIsRefusedNamingFileAndDate() {
    assertThatThrownBy(() -> read("2026.json", """
        {"year":2026,"holidays":[],"workingWeekends":["2026-10-12"]}"""))
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining("工作日历文件 test:2026.json 有误")
        .hasMessageContaining("调休上班日 2026-10-12 不是周六或周日")
        .hasMessageContaining("make-up working day 2026-10-12 is not a Saturday or Sunday");
  }

  @Test
  void workingDaysF_dateBothOffAndWorkingIsRefused() {
    assertThatThrownBy(() -> read("2026.json", """
        {"year":2026,"holidays":[{"name":"国庆节","from":"2026-10-01","to":"2026-10-07"}],
         "workingWeekends":["2026-10-04"]}"""))
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining("test:2026.json")
        .hasMessageContaining("2026-10-04 既是放假日又是调休上班日")
        .hasMessageContaining("2026-10-04 is both a day off and a make-up working day");
  }

  @Test
  void workingDaysF_dateOfAnotherYearIsRefused() {
    assertThatThrownBy(() -> read("2026.json", """
        {"year":2026,"holidays":[{"name":"元旦","from":"2025-12-31","to":"2026-01-01"}]}"""))
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining("test:2026.json")
        .hasMessageContaining("日期 2025-12-31 不属于 2026 年")
        .hasMessageContaining("date 2025-12-31 does not belong to year 2026");
  }

  @Test
  void workingDaysF_fileNameMustMatchTheYear() {
    assertThatThrownBy(() -> read("2025.json", """
        {"year":2026,"holidays":[]}"""))
        .isInstanceOf(CalendarDataException.class)
        .hasMessageContaining("must be named 2026.json");
  }

  @Test
  void workingDaysF_malformedDateReversedRangeAndMisspeltKeyAreRefused() {
    assertThatThrownBy(() -> read("2026.json", """
        {"year":2026,"workingWeekends":["2026-10-1O"]}"""))
        .hasMessageContaining("2026-10-1O").hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> read("2026.json", """
        {"year":2026,"holidays":[{"name":"国庆节","from":"2026-10-07","to":"2026-10-01"}]}"""))
        .hasMessageContaining("国庆节").hasMessageContaining("2026-10-01");
    assertThatThrownBy(() -> read("2026.json", """
        {"year":2026,"workingWeekend":["2026-10-10"]}"""))
        .isInstanceOf(CalendarDataException.class).hasMessageContaining("workingWeekend");
  }

  private static YearArrangement read(String fileName, String json) {
    return CalendarFileReader.read("test:" + fileName, fileName, json.getBytes(StandardCharsets.UTF_8));
  }
}
