package org.policyflow.shared.workingdays;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The portal endpoint and the administrator's reload (policy-rules F, TZP-N1). */
@PolicyflowIntegrationTest
@ExtendWith(CalendarYearsRestored.class)
class WorkingDayControllerTest {

  @Autowired TestRestTemplate http;
  @Autowired WorkingDayCalendar calendar;

  @TempDir Path externalDirectory;

  @Test
  void noticeTZP_N1_portalAsksWhenANoticePublishedOn2025_09_26Ends() {
    ResponseEntity<String> answer = demo().getForEntity("/api/calendar/working-days?from=2025-09-26&days=5", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody())
        .contains("\"end\":\"2025-10-10\"")
        .contains("\"from\":\"2025-09-26\"")
        .contains("\"days\":5")
        .contains("\"endsAt\":\"2025-10-11T00:00:00+08:00\"");
  }

  @Test
  void workingDaysF_endpointNeedsCredentials() {
    assertThat(http.getForEntity("/api/calendar/working-days?from=2025-09-26&days=5", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void workingDaysF_malformedDateOrDaysAnswer400NamingTheField() {
    ResponseEntity<String> date = demo().getForEntity("/api/calendar/working-days?from=2025-13-01&days=5", String.class);
    assertThat(date.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(date.getBody()).contains("\"field\":\"from\"").contains("2025-13-01").contains("YYYY-MM-DD");

    ResponseEntity<String> negative = demo().getForEntity("/api/calendar/working-days?from=2025-09-26&days=-1", String.class);
    assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(negative.getBody()).contains("\"field\":\"days\"");

    ResponseEntity<String> missing = demo().getForEntity("/api/calendar/working-days?from=2025-09-26", String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody()).contains("\"field\":\"days\"");
  }

  @Test
  void workingDaysF_unknownYearAnswers422NamingTheYear() {
    ResponseEntity<String> answer = demo().getForEntity("/api/calendar/working-days?from=2026-12-28&days=5", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(answer.getBody()).contains("工作日历缺少 2027 年").contains("no arrangement for 2027");
  }

  @Test
  void workingDaysF_reloadIsForAdministratorsOnly() {
    ResponseEntity<String> clerk = http.withBasicAuth("wanglixin", "demo")
        .postForEntity("/api/calendar/reload", null, String.class);
    assertThat(clerk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(clerk.getBody()).contains("camunda-admin");

    ResponseEntity<String> admin = demo().postForEntity("/api/calendar/reload", null, String.class);
    assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(admin.getBody()).contains("\"years\":[2024,2025,2026]");
  }

  @Test
  void workingDaysF_reloadPicksUpNextYearAndRefusesAnInvalidFile() throws IOException {
    calendar.useDirectory(externalDirectory);
    Files.writeString(externalDirectory.resolve("2027.json"), WorkingDayCalendarDirectoryTest.HYPOTHETICAL_2027);
    assertThat(demo().postForEntity("/api/calendar/reload", null, String.class).getBody()).contains("2027");
    assertThat(demo().getForEntity("/api/calendar/working-days?from=2026-12-28&days=5", String.class).getBody())
        .contains("\"end\":\"2027-01-05\"");

    Files.writeString(externalDirectory.resolve("2027.json"), """
        {"year":2027,"workingWeekends":["2027-01-04"]}""");
    ResponseEntity<String> refused = demo().postForEntity("/api/calendar/reload", null, String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("2027.json").contains("2027-01-04");
    assertThat(calendar.years()).contains(2027);
  }

  @Test
  void calendarWDC_M1_statusWarnsFromNovemberWhileNextYearIsMissing_andIsClosedToOthers() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-30T09:00+08:00").toInstant()));
    try {
      ResponseEntity<String> office = http.withBasicAuth("hewei", "demo").getForEntity("/api/calendar/status", String.class);
      assertThat(office.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(office.getBody()).contains("\"warning\":true").contains("\"nextYear\":2027")
          .contains("\"lastCountableDay\":\"2026-12-31\"").contains("2027年节假日安排尚未录入工作日历")
          .contains("2026年第1版（随系统发布）");
      assertThat(http.withBasicAuth("qianfang", "demo").getForEntity("/api/calendar/status", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.OK);

      ResponseEntity<String> applicant = http.withBasicAuth("huanglei", "demo").getForEntity("/api/calendar/status", String.class);
      assertThat(applicant.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(applicant.getBody()).contains("GET /api/calendar/status");
      assertThat(http.getForEntity("/api/calendar/status", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

      ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-10-31T09:00+08:00").toInstant()));
      assertThat(http.withBasicAuth("hewei", "demo").getForEntity("/api/calendar/status", String.class).getBody())
          .as("no warning before 1 November").contains("\"warning\":false");
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void calendarWDC_M1_aCallReaching2027IsRefusedOverTheEngineRestApiWith400NamingTheLatestDeadline() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-30T09:00+08:00").toInstant()));
    try {
      ResponseEntity<String> refused = http.withBasicAuth("wanglixin", "demo").postForEntity(
          "/engine-rest/process-definition/key/partner-call/submit-form", Map.of("variables", Map.of(
              "callYear", Map.of("value", 2026), "callTitle", Map.of("value", "年末征集"),
              "applicationDeadline", Map.of("value", "2026-12-28"), "places", Map.of("value", 3))),
          String.class);
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("WDC-M1").contains("申报截止日期最晚可定为 2026-12-17");
    } finally {
      ClockUtil.reset();
    }
  }

  private TestRestTemplate demo() {
    return http.withBasicAuth("demo", "demo");
  }
}
