package org.policyflow.partner.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Calls are findable: the officer's list of running calls ({@code GET /api/partner-calls/open}) and the
 * applicant's choice of call in the application's start form
 * ({@code GET /api/start-forms/partner-application/options}); the start itself still refuses a call
 * that is not open, whatever the browser sends.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class OpenPartnerCallsTest {

  private static final String SONGZHUANG = "tz-locality-songzhuang";

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  void openCalls_theOfficerSeesHisCallWithDeadlineAndApplicationsAndTheApplicantChoosesIt(
      EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String callId = "OPEN-" + System.nanoTime();
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    started.add(fixtures.apply("huanglei", PartnerFixtures.eligibleApplication(callId, 41, SONGZHUANG)));
    started.add(fixtures.apply("xuting", PartnerFixtures.eligibleApplication(callId, 42, SONGZHUANG)));

    assertThat(officerRow("wanglixin", callId)).containsEntry("title", "创新伙伴征集 " + callId)
        .containsEntry("applicationDeadline", "2026-03-20").containsEntry("applications", 2)
        .containsEntry("places", 5).containsEntry("acceptingApplications", true).containsEntry("stage", "征集中");
    assertThat(choices("huanglei")).contains(Map.of("value", callId,
        "label", callId + " 创新伙伴征集 " + callId + "（申报截止 2026-03-20）"));

    // The deadline day is the last: the next morning the call leaves the applicant's choices, not the list.
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 20, 23));
    assertThat(choices("huanglei")).extracting(c -> c.get("value")).contains(callId);
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 21, 8));
    assertThat(choices("huanglei")).extracting(c -> c.get("value")).doesNotContain(callId);
    assertThat(officerRow("wanglixin", callId)).containsEntry("acceptingApplications", false)
        .containsEntry("stage", "申报已截止，推荐评审中");
    // Auditors and locality clerks read the list too.
    officerRow("qianfang", callId);
    officerRow("sunpeng", callId);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void partnerTZP_S1_aCallThatIsNotOfferedIsRefusedByTheServerWhateverTheBrowserSends(
      EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String closed = "CLOSED-" + System.nanoTime();
    started.add(fixtures.openCall(closed, "2026-03-20", 5, 2, Map.of()));
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 21, 8));
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-application").count();

    for (String callId : List.of(closed, "TZP-1999-99")) {
      assertThat(choices("huanglei")).extracting(c -> c.get("value")).doesNotContain(callId);
      Map<String, Object> variables = new LinkedHashMap<>();
      PartnerFixtures.eligibleApplication(callId, 43, SONGZHUANG).forEach((name, value) -> variables.put(name,
          Map.of("value", value)));
      ResponseEntity<Map> refused = http.withBasicAuth("huanglei", "demo").postForEntity(
          "/engine-rest/process-definition/key/partner-application/submit-form", Map.of("variables", variables), Map.class);
      assertThat(refused.getStatusCode()).as(callId).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat((String) refused.getBody().get("message")).as(callId).contains("TZP-S1").contains("callId");
    }
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-application").count()).isEqualTo(before);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void formFORM_INITIATOR_anApplicantCannotSubmitTheApplicationAsSomeoneElse(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String callId = "OPEN-" + System.nanoTime();
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-application").count();

    Map<String, Object> variables = new LinkedHashMap<>();
    PartnerFixtures.eligibleApplication(callId, 43, SONGZHUANG).forEach((name, value) -> variables.put(name,
        Map.of("value", value)));
    variables.put("applicant", Map.of("value", "zhanghua"));
    ResponseEntity<Map> refused = http.withBasicAuth("huanglei", "demo").postForEntity(
        "/engine-rest/process-definition/key/partner-application/submit-form", Map.of("variables", variables), Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("FORM-INITIATOR").contains("applicant")
        .contains("发起人由系统按登录用户记录");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-application").count()).isEqualTo(before);
  }

  @Test
  void openCalls_eachListIsAnsweredOnlyToTheRolesItIsFor() {
    // Applicants and experts do not read the staff list (it counts the applications).
    for (String user : List.of("huanglei", "zhanghua")) {
      assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/partner-calls/open", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    // A start form's choices go to whoever the engine lets start that process, and to nobody else.
    assertThat(status("wanglixin", "partner-application")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(status("huanglei", "partner-call")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(status("zhanghua", "partner-application")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(status("wanglixin", "partner-call")).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/api/start-forms/partner-application/options", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private HttpStatus status(String user, String process) {
    return HttpStatus.valueOf(http.withBasicAuth(user, "demo")
        .getForEntity("/api/start-forms/" + process + "/options", String.class).getStatusCode().value());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Map<String, Object> officerRow(String user, String callId) {
    ResponseEntity<List> response = http.withBasicAuth(user, "demo").getForEntity("/api/partner-calls/open", List.class);
    assertThat(response.getStatusCode()).as(user + " " + response.getBody()).isEqualTo(HttpStatus.OK);
    return ((List<Map<String, Object>>) response.getBody()).stream().filter(row -> callId.equals(row.get("callId")))
        .findFirst().orElseThrow(() -> new AssertionError(user + " does not see call " + callId));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Map<String, Object>> choices(String user) {
    ResponseEntity<Map> response = http.withBasicAuth(user, "demo")
        .getForEntity("/api/start-forms/partner-application/options", Map.class);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return (List<Map<String, Object>>) response.getBody().get(OpenCallOptions.VALUES_KEY);
  }
}
