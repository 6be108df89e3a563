package org.policyflow.consortium.yongchuan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.experts.ExpertReviewDriver;
import org.policyflow.testsupport.DossierUploads;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The Yongchuan consortium's dossier: the argumentation experts (002 §四(二)) judge the formation plan the
 * district registered, which cannot be registered without it; the signed IP management agreement (YCC-IP1) is
 * required at the step that records it.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class YcConsortiumDossierTest {

  private static final String OFFICER = YcConsortiumProcessTest.OFFICER;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierDOC_1_YCC_IP1_thePanelJudgesThePlanAndTheSignedIpAgreementIsRequiredAtItsStep(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2025-03-10T09:00+08:00").toInstant()));
    engine.getIdentityService().setAuthentication(OFFICER, List.of("yc-stb"));
    ProcessInstance consortium;
    try {
      consortium = started.add(engine.getRuntimeService().startProcessInstanceByKey("yc-consortium",
          YcConsortiumProcessTest.proposal("智能网联汽车")));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    Task plan = engine.getTaskService().createTaskQuery().processInstanceId(consortium.getId()).singleResult();
    ResponseEntity<Map> refused = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/task/" + plan.getId() + "/submit-form", Map.of("variables", Map.of()), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, Object>>) refused.getBody().get("violations")).filteredOn(v -> "DOC-1".equals(v.get("ruleId")))
        .singleElement().satisfies(v -> assertThat((String) v.get("reasonZh")).contains("《组建方案》")
            .as("the IP agreement is required where it is signed (YCC-IP1)").doesNotContain("《知识产权管理协议》"));

    DossierUploads.uploadRequired(http, OFFICER, plan.getId());
    engine.getIdentityService().setAuthentication(OFFICER, List.of("yc-stb"));
    try {
      engine.getTaskService().complete(plan.getId(), YcConsortiumProcessTest.plan(5));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    ExpertReviewDriver experts = new ExpertReviewDriver(engine);
    experts.executeAsyncJobs(consortium.getId());
    Task score = experts.scoreTasks(consortium.getId()).get(0);
    ResponseEntity<Map> seen = http.withBasicAuth(score.getAssignee(), "demo")
        .getForEntity("/api/dossiers/tasks/" + score.getId(), Map.class);
    assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((List<Map<String, Object>>) seen.getBody().get("documents")).extracting(d -> d.get("typeLabel"))
        .containsExactlyInAnyOrder("组建方案");

    // YCC-IP1: after the argumentation the signed IP management agreement is required at its own step.
    experts.scoreAll(consortium.getId(), 85);
    Task ip = engine.getTaskService().createTaskQuery().processInstanceId(consortium.getId())
        .taskDefinitionKey("Task_RecordIpAgreement").singleResult();
    ResponseEntity<Map> noCopy = http.withBasicAuth(OFFICER, "demo").postForEntity(
        "/engine-rest/task/" + ip.getId() + "/submit-form", Map.of("variables", Map.of()), Map.class);
    assertThat(noCopy.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, Object>>) noCopy.getBody().get("violations")).extracting(v -> v.get("ruleId") + ":" + v.get("field"))
        .contains("DOC-1:documents", "YCC-IP1:ip-agreement");
    assertThat((List<Map<String, Object>>) seen.getBody().get("sections")).extracting(s -> s.get("title"))
        .anySatisfy(title -> assertThat((String) title).startsWith("区科技局登记牵头企业组建方案"));
  }
}
