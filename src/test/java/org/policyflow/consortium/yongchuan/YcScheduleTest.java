package org.policyflow.consortium.yongchuan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operating calendar of a consortium (YCC-O1 periods, YCC-R1 January deadline) and the checks on its configuration. */
class YcScheduleTest {

  static final List<YcConsortiumProperties.Grade> GRADES = List.of(
      new YcConsortiumProperties.Grade("excellent", "优秀", YcConsortiumProperties.Consequence.ROLLING_SUPPORT));

  static YcConsortiumProperties properties(int intervalMonths, int month, int day) {
    return new YcConsortiumProperties(5, 2027, 5, 5, intervalMonths, month, day, GRADES,
        "重庆市永川区(\\S+)创新联合体", "重庆市永川区×××创新联合体", List.of("technical", "management"));
  }

  private final YcSchedule schedule = new YcSchedule(properties(3, 1, 31));

  @Test
  void ycc_YCC_O1_quartersOfTheLaunchYearStartWithTheLaunchQuarterAndEndWithTheConstructionPeriod() {
    Date launched = at("2025-05-20T10:00+08:00");
    assertThat(schedule.operatingYears(launched)).containsExactly(2025, 2026, 2027, 2028, 2029, 2030);
    assertThat(schedule.exchangePeriods(launched, 2025)).containsExactly(2, 3, 4);
    assertThat(schedule.exchangePeriods(launched, 2027)).containsExactly(1, 2, 3, 4);
    assertThat(schedule.exchangePeriods(launched, 2030)).as("report-only year").isEmpty();
    assertThat(schedule.periodStart(2028, 3)).isEqualTo(at("2028-07-01T00:00+08:00"));
    assertThat(schedule.periodEnd(2028, 4)).isEqualTo(at("2029-01-01T00:00+08:00"));
    assertThat(schedule.hasReport(launched, 2025)).isFalse();
    assertThat(schedule.hasReport(launched, 2026)).isTrue();
  }

  @Test
  void ycc_YCC_R1_reportOnAYearIsDueAtTheEndOfJanuaryOfTheNextYear_alsoBeyondTheWorkingDayCalendar() {
    assertThat(schedule.reportOpens(2027)).isEqualTo(at("2028-01-01T00:00+08:00"));
    assertThat(schedule.reportDue(2027)).isEqualTo(at("2028-02-01T00:00+08:00"));
    YcSchedule february = new YcSchedule(properties(3, 2, 15));
    assertThat(february.reportDue(2025)).isEqualTo(at("2026-02-16T00:00+08:00"));
  }

  @Test
  void ycc_configurationThatCannotBeACalendarIsRefusedAtStartUp() {
    assertThatThrownBy(() -> properties(5, 1, 31)).hasMessageContaining("YCC-O1");
    assertThatThrownBy(() -> properties(3, 2, 30)).hasMessageContaining("YCC-R1");
    YcSchedule monthly = new YcSchedule(properties(6, 1, 31));
    assertThat(monthly.exchangePeriods(at("2025-01-10T10:00+08:00"), 2025)).containsExactly(1, 2);
  }

  private static Date at(String time) {
    return Date.from(OffsetDateTime.parse(time).toInstant());
  }
}
