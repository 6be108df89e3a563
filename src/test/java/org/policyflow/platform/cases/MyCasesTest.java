package org.policyflow.platform.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.testsupport.EngineStateRestored;
import org.policyflow.testsupport.TasklistSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * 我的申报 over HTTP ({@code GET /api/my-cases}): along a partner application's path the applicant reads
 * the status, the step open now, who holds it and its deadline; nobody reads anyone else's cases.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class MyCasesTest {

  private static final String SONGZHUANG = "tz-locality-songzhuang";
  private static final List<String> CLERKS = List.of(SONGZHUANG);
  private static final List<String> APPLICANTS = List.of("applicants");

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  void myCases_statusNextStepAndDeadlineFollowThePartnerApplicationsPath(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String callId = "MINE-" + System.nanoTime();
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance recommended = started.add(fixtures.startApplication("huanglei",
        PartnerFixtures.eligibleApplication(callId, 31, SONGZHUANG)));
    ProcessInstance declined = started.add(fixtures.startApplication("huanglei",
        PartnerFixtures.eligibleApplication(callId, 32, SONGZHUANG)));

    // Accepted: the materials are the applicant's own step, due when applications close (end of 03-20).
    Map<String, Object> waiting = caseOf("huanglei", recommended.getId());
    assertThat(waiting).containsEntry("state", "running").containsEntry("programme", "创新伙伴计划申报")
        .containsEntry("title", "北京通州示例科技有限公司31")
        .containsEntry("businessKey", callId + ":" + PartnerFixtures.creditCode(31))
        .containsEntry("status", "办理中：提交申报材料：北京通州示例科技有限公司31");
    Map<String, Object> materials = onlyStep(waiting);
    assertThat(materials).containsEntry("name", "提交申报材料：北京通州示例科技有限公司31")
        .containsEntry("handler", "本单位").containsEntry("yours", true)
        .containsEntry("due", "2026-03-21T00:00:00+08:00").containsEntry("overdue", false);
    assertThat(materials.get("taskId")).isEqualTo(task(recommended, "Task_SubmitMaterials").getId());

    // Submitted: the locality recommends, by its recommendation deadline; the clerk's name is not shown.
    fixtures.submitMaterials("huanglei", recommended.getId());
    fixtures.submitMaterials("huanglei", declined.getId());
    Task recommend = task(recommended, "Task_RecommendApplication");
    Map<String, Object> atLocality = onlyStep(caseOf("huanglei", recommended.getId()));
    assertThat(atLocality).containsEntry("handler", "宋庄镇人民政府").containsEntry("yours", false)
        .containsEntry("taskId", null)
        .containsEntry("due", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            recommend.getDueDate().toInstant().atZone(PartnerFixtures.ZONE)));
    assertThat((String) atLocality.get("name")).startsWith("推荐申报");

    // Past the deadline without a decision the step is marked overdue.
    ClockUtil.setCurrentTime(new java.util.Date(recommend.getDueDate().getTime() + 60_000));
    assertThat(onlyStep(caseOf("huanglei", recommended.getId()))).containsEntry("overdue", true);
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 23, 9));

    // Recommended: the case waits for the call's result, a step of nobody in particular.
    fixtures.completeAs("sunpeng", CLERKS, recommend.getId(), PartnerFixtures.recommendation());
    assertThat(onlyStep(caseOf("huanglei", recommended.getId())))
        .containsEntry("name", "等待：评选结果已公布").containsEntry("handler", null).containsEntry("yours", false);

    // Declined: the outcome is the applicant's to acknowledge, then the case has ended with its result.
    fixtures.completeAs("sunpeng", CLERKS, task(declined, "Task_RecommendApplication").getId(),
        Map.of("recommendation", "decline", "declineReason", "研发能力与本地产业需求不匹配"));
    assertThat(onlyStep(caseOf("huanglei", declined.getId()))).containsEntry("yours", true)
        .satisfies(step -> assertThat((String) step.get("name")).startsWith("知悉申报结果"));
    fixtures.completeAs("huanglei", APPLICANTS, task(declined, "Task_AcknowledgeOutcome").getId(),
        Map.of("acknowledged", true));
    Map<String, Object> ended = caseOf("huanglei", declined.getId());
    assertThat(ended).containsEntry("state", "completed").containsEntry("status", "已办结：属地未推荐");
    assertThat((List<?>) ended.get("nextSteps")).isEmpty();
    assertThat(ended.get("endedAt")).isNotNull();

    // Running cases come before ended ones.
    List<Map<String, Object>> all = cases("huanglei");
    assertThat(all.indexOf(caseOf("huanglei", recommended.getId())))
        .isLessThan(all.indexOf(caseOf("huanglei", declined.getId())));
  }

  @Test
  void myCases_answerOnlyTheSignedInApplicantAboutTheirOwnCases(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String callId = "MINE-" + System.nanoTime();
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance huanglei = started.add(fixtures.apply("huanglei",
        PartnerFixtures.eligibleApplication(callId, 33, SONGZHUANG)));

    assertThat(cases("huanglei")).extracting(c -> c.get("caseId")).contains(huanglei.getId());
    // Another applicant sees none of it, also when naming the other user or the case in the request.
    for (String query : List.of("", "?userId=huanglei", "?applicant=huanglei", "?caseId=" + huanglei.getId())) {
      ResponseEntity<List> other = http.withBasicAuth("xuting", "demo").getForEntity("/api/my-cases" + query, List.class);
      assertThat(other.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
      assertThat(other.getBody().toString()).as(query).doesNotContain(huanglei.getId()).doesNotContain(callId);
    }
    // Staff have their task lists and dossiers; 我的申报 is the applicants' view only.
    for (String staff : List.of("sunpeng", "wanglixin", "zhanghua", "qianfang")) {
      assertThat(http.withBasicAuth(staff, "demo").getForEntity("/api/my-cases", String.class).getStatusCode())
          .as(staff).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity("/api/my-cases", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /**
   * Tasklist's scripts call these views with the browser's Tasklist login, not with Basic credentials
   * (the browser flow found them answered 401 before AuditSessionAuthenticationProvider accepted it).
   */
  @Test
  @SuppressWarnings("rawtypes")
  void myCases_openCallsAndStartFormChoicesAreReadWithTheTasklistLogin(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String callId = "SESSION-" + System.nanoTime();
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.apply("huanglei",
        PartnerFixtures.eligibleApplication(callId, 34, SONGZHUANG)));

    HttpHeaders applicant = TasklistSession.login(http, "huanglei");
    ResponseEntity<String> mine = http.exchange("/api/my-cases", HttpMethod.GET, new HttpEntity<>(applicant), String.class);
    assertThat(mine.getStatusCode()).as(mine.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(mine.getBody()).contains(application.getId());
    ResponseEntity<String> choices = http.exchange("/api/start-forms/partner-application/options", HttpMethod.GET,
        new HttpEntity<>(applicant), String.class);
    assertThat(choices.getStatusCode()).as(choices.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(choices.getBody()).contains(callId);

    HttpHeaders officer = TasklistSession.login(http, "wanglixin");
    ResponseEntity<String> calls = http.exchange("/api/partner-calls/open", HttpMethod.GET, new HttpEntity<>(officer),
        String.class);
    assertThat(calls.getStatusCode()).as(calls.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(calls.getBody()).contains(callId);
    // The session still reads only what the user may: the officer's login gets no 我的申报.
    assertThat(http.exchange("/api/my-cases", HttpMethod.GET, new HttpEntity<>(officer), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Map<String, Object>> cases(String user) {
    ResponseEntity<List> response = http.withBasicAuth(user, "demo").getForEntity("/api/my-cases", List.class);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return (List<Map<String, Object>>) response.getBody();
  }

  private Map<String, Object> caseOf(String user, String caseId) {
    return cases(user).stream().filter(c -> caseId.equals(c.get("caseId"))).findFirst()
        .orElseThrow(() -> new AssertionError(user + " does not see case " + caseId));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyStep(Map<String, Object> myCase) {
    List<Map<String, Object>> steps = (List<Map<String, Object>>) myCase.get("nextSteps");
    assertThat(steps).as(String.valueOf(myCase)).hasSize(1);
    return steps.get(0);
  }

  private Task task(ProcessInstance instance, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
        .singleResult();
  }
}
