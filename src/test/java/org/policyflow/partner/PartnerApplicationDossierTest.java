package org.policyflow.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.EngineRoutes;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The partner application's dossier at the locality's recommendation (000 §五2, §五3): the clerk decides on
 * what the applicant submitted, under the form's labels; the applicant, the programme office and auditors
 * read it; another applicant, another locality's clerk and an expert get nothing through any route.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class PartnerApplicationDossierTest {

  private static final String SONGZHUANG = "tz-locality-songzhuang";

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierAccess_theLocalityRecommendsOnTheApplicationAndOnlyTheCasesPeopleSeeIt(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(PartnerFixtures.at(2026, 3, 2, 9));
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    String callId = "DOSSIER-" + System.nanoTime();
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.apply("huanglei",
        PartnerFixtures.eligibleApplication(callId, 7, SONGZHUANG)));
    Task recommend = engine.getTaskService().createTaskQuery().processInstanceId(application.getId())
        .taskDefinitionKey("Task_RecommendApplication").singleResult();

    ResponseEntity<Map> dossier = http.withBasicAuth("sunpeng", "demo")
        .getForEntity("/api/dossiers/tasks/" + recommend.getId(), Map.class);
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(dossier.getBody().get("caseTitle")).isEqualTo("北京通州示例科技有限公司7");
    Map<String, Object> submitted = ((List<Map<String, Object>>) dossier.getBody().get("sections")).get(0);
    assertThat(submitted.get("submittedBy")).isEqualTo("huanglei");
    assertThat(submitted.get("submittedByName")).isEqualTo("黄磊");
    assertThat((List<Map<String, Object>>) submitted.get("fields"))
        .extracting(f -> f.get("label"), f -> f.get("value"))
        .contains(org.assertj.core.groups.Tuple.tuple("单位名称", "北京通州示例科技有限公司7"),
            org.assertj.core.groups.Tuple.tuple("所属产业领域", "数字经济"));

    for (String reader : List.of("huanglei", "wanglixin", "qianfang", "mali")) {
      assertThat(http.withBasicAuth(reader, "demo").getForEntity("/api/dossiers/" + application.getId(), Map.class)
          .getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
    }
    for (String outsider : List.of("xuting", "liuyang", "zhanghua", "lijianguo")) {
      assertThat(http.withBasicAuth(outsider, "demo").getForEntity("/api/dossiers/" + application.getId(), Map.class)
          .getStatusCode()).as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth(outsider, "demo").getForEntity("/api/dossiers/tasks/" + recommend.getId(), Map.class)
          .getStatusCode()).as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
      EngineRoutes.assertNothingReadable(http, outsider, application.getId(), recommend.getId());
    }
  }
}
