package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyflow.shared.rules.RuleViolation;

/** An office's entry of a year's holiday arrangement, as plain Java (policy-rules F, WDC-V1, WDC-M1). */
class CalendarEntryTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  private static CalendarEntry entry(String holidays, String makeUps) {
    return CalendarEntry.of(2027, null, "国办发明电〔2026〕9号", "2026-11-20", "https://www.gov.cn/zhengce/", holidays, makeUps);
  }

  @Test
  void calendarWDC_V1_aConsistentEntryPasses_andIsStoredInTheCalendarFileFormat() {
    CalendarEntry entry = entry("春节 2027-02-06 至 2027-02-12", "2027-02-14");
    assertThat(entry.check(TODAY)).isEmpty();
    YearArrangement read = CalendarFileReader.read("test", "2027.json", entry.toJson().getBytes());
    assertThat(read.notice()).isEqualTo("国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）");
    assertThat(read.isWorkingDay(LocalDate.of(2027, 2, 8))).isFalse();
    assertThat(read.isWorkingDay(LocalDate.of(2027, 2, 14))).isTrue();
  }

  @Test
  void calendarWDC_V1_eachBrokenRuleNamesItsField() {
    CalendarEntry entry = CalendarEntry.of(2027, null, null, "2026-12-24", "ftp://x", """
        春节 2027-02-12 至 2027-02-06
        国庆节 2027-10-01 至 2027-10-07
        中秋节 2027-10-05 至 2027-10-06
        元旦 2026-12-31 至 2027-01-01
        清明节放假三天
        """, "2027-02-10, 2027-10-02、2027-09-26 2027-09-26 明年");
    List<RuleViolation> violations = entry.check(TODAY);
    assertThat(violations).extracting(RuleViolation::field).containsExactly("noticeNumber", "noticeDate",
        "noticeLink", "holidays", "holidays", "holidays", "holidays", "workingWeekends", "workingWeekends",
        "workingWeekends", "workingWeekends");
    assertThat(violations).extracting(RuleViolation::reasonZh).contains(
        "放假安排第1行的结束日 2027-02-06 早于开始日 2027-02-12",
        "放假安排第3行与其他放假安排重叠（2027-10-05）",
        "放假安排第4行的日期应在 2027 年内（跨年的假期分别录入两个年度）",
        "放假安排第5行“清明节放假三天”无法识别，应写作“春节 2027-02-06 至 2027-02-12”或“元旦 2027-01-01”",
        "调休上班日 2027-02-10 不是周六或周日", "2027-10-02 既是放假日又是调休上班日",
        "调休上班日 2027-09-26 重复填写", "调休上班日“明年”不是有效日期（YYYY-MM-DD）");
    assertThat(violations).allMatch(v -> v.ruleId().equals(CalendarEntry.RULE));
  }

  @Test
  void calendarWDC_V1_linesAreReadInTheWaysAnOfficeWritesDates() {
    CalendarEntry entry = entry("元旦：2027年1月1日\n 春节 2027/2/6-2027/2/12。\n\n中秋节、国庆节 2027-10-01 ~ 2027-10-07", "2027/2/20\n2027年10月9日");
    assertThat(entry.holidays()).extracting(CalendarEntry.Holiday::name, CalendarEntry.Holiday::from, CalendarEntry.Holiday::to)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("元旦", "2027-01-01", "2027-01-01"),
            org.assertj.core.groups.Tuple.tuple("春节", "2027-02-06", "2027-02-12"),
            org.assertj.core.groups.Tuple.tuple("中秋节、国庆节", "2027-10-01", "2027-10-07"));
    assertThat(entry.workingWeekends()).containsExactly("2027-02-20", "2027-10-09");
    assertThat(entry.check(TODAY)).isEmpty();
  }

  @Test
  void calendarWDC_V1_monthViewShowsWeekdaysOffAndWeekendsWorked() {
    CalendarEntry entry = entry("国庆节 2027-10-01 至 2027-10-07", "2027-10-09");
    String preview = entry.preview();
    assertThat(preview).contains("| 国庆节 | 10月1日（五） 至 10月7日（四） | 7天 |");
    assertThat(preview).contains("| 10月 | 1日（五）、4日（一）、5日（二）、6日（三）、7日（四） | 9日（六） | 17天 |");
    assertThat(preview).contains("| 1月 | — | — | 21天 |");
  }

  @Test
  void calendarWDC_V2_changesAgainstTheVersionInForceAreListed() {
    CalendarEntry before = entry("国庆节 2027-10-01 至 2027-10-07", "2027-10-09");
    CalendarEntry after = entry("国庆节 2027-10-01 至 2027-10-08", "");
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
