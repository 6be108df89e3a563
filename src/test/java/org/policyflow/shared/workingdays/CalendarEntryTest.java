package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.policyflow.shared.rules.RuleViolation;

/** An office's entry of a year's holiday arrangement, as plain Java (policy-rules F, WDC-V1, WDC-M1). */
class CalendarEntryTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  private static CalendarEntry entry(List<Map<String, Object>> holidays, List<Map<String, Object>> makeUps) {
    return CalendarEntry.of(2027, null, "国办发明电〔2026〕9号", "2026-11-20", "https://www.gov.cn/zhengce/", holidays, makeUps);
  }

  private static Map<String, Object> holiday(String name, String from, String to) {
    return Map.of("name", name, "from", from, "to", to);
  }

  @Test
  void calendarWDC_V1_aConsistentEntryPasses_andIsStoredInTheCalendarFileFormat() {
    CalendarEntry entry = entry(List.of(holiday("春节", "2027-02-06", "2027-02-12")), List.of(Map.of("date", "2027-02-14")));
    assertThat(entry.check(TODAY)).isEmpty();
    YearArrangement read = CalendarFileReader.read("test", "2027.json", entry.toJson().getBytes());
    assertThat(read.notice()).isEqualTo("国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）");
    assertThat(read.isWorkingDay(LocalDate.of(2027, 2, 8))).isFalse();
    assertThat(read.isWorkingDay(LocalDate.of(2027, 2, 14))).isTrue();
  }

  @Test
  void calendarWDC_V1_eachBrokenRuleNamesItsField() {
    CalendarEntry entry = CalendarEntry.of(2027, null, null, "2026-12-24", "ftp://x", List.of(
        holiday("春节", "2027-02-12", "2027-02-06"), holiday("国庆节", "2027-10-01", "2027-10-07"),
        holiday("中秋节", "2027-10-05", "2027-10-06"), holiday("元旦", "2026-12-31", "2027-01-01")),
        List.of(Map.of("date", "2027-02-10"), Map.of("date", "2027-10-02"), Map.of("date", "2027-09-26"),
            Map.of("date", "2027-09-26")));
    assertThat(entry.check(TODAY)).extracting(RuleViolation::field).containsExactly("noticeNumber", "noticeDate",
        "noticeLink", "holidays[1].to", "holidays[3].from", "holidays[4].from", "workingWeekends[1].date",
        "workingWeekends[2].date", "workingWeekends[4].date");
    assertThat(entry.check(TODAY)).allMatch(v -> v.ruleId().equals(CalendarEntry.RULE));
  }

  @Test
  void calendarWDC_V1_monthViewShowsWeekdaysOffAndWeekendsWorked() {
    CalendarEntry entry = entry(List.of(holiday("国庆节", "2027-10-01", "2027-10-07")), List.of(Map.of("date", "2027-10-09")));
    String preview = entry.preview();
    assertThat(preview).contains("| 国庆节 | 10月1日（五） 至 10月7日（四） | 7天 |");
    assertThat(preview).contains("| 10月 | 1日（五）、4日（一）、5日（二）、6日（三）、7日（四） | 9日（六） | 17天 |");
    assertThat(preview).contains("| 1月 | — | — | 21天 |");
  }

  @Test
  void calendarWDC_V2_changesAgainstTheVersionInForceAreListed() {
    CalendarEntry before = entry(List.of(holiday("国庆节", "2027-10-01", "2027-10-07")), List.of(Map.of("date", "2027-10-09")));
    CalendarEntry after = entry(List.of(holiday("国庆节", "2027-10-01", "2027-10-08")), List.of());
    assertThat(after.changesAgainst(before.arrangement())).isEqualTo("新增放假日 2027-10-08；取消调休上班日 2027-10-09");
    assertThat(before.changesAgainst(before.arrangement())).isEmpty();
  }

  @Test
  void calendarWDC_M1_latestStartIsTheDayBeforeTheNthWorkingDayCountedBackFromTheLastCountableDay() {
    WorkingDayCalendar calendar = new WorkingDayCalendar(null);
    LocalDate last = LocalDate.of(2026, 12, 31);
    assertThat(calendar.latestStart(10, last)).contains(LocalDate.of(2026, 12, 17));
    assertThat(calendar.latestStart(5, last)).contains(LocalDate.of(2026, 12, 24));
    assertThat(calendar.latestStart(0, last)).contains(last);
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 24), 5)).isEqualTo(last);
    assertThat(calendar.lastCountableDayBefore(2027)).contains(last);
    assertThat(calendar.lastCountableDayBefore(2028)).isEmpty();
  }

  @Test
  void calendarWDC_M1_theMissingYearMessageNamesTheLastCountableDayAndTheLatestStart() {
    WorkingDayCalendar calendar = new WorkingDayCalendar(null);
    try {
      calendar.addWorkingDays(LocalDate.of(2026, 12, 28), 5);
    } catch (MissingCalendarYearException e) {
      assertThat(e.getMessage()).startsWith(MissingCalendarYearException.marker(2027))
          .contains("目前可计算到 2026-12-31").contains("最晚可从 2026-12-24 起算")
          .contains("The working-day calendar has no arrangement for 2027");
      assertThat(e.latestStart()).contains(LocalDate.of(2026, 12, 24));
      return;
    }
    throw new AssertionError("2027 is not in the shipped calendar");
  }
}
