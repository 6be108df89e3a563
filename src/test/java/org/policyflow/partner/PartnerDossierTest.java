package org.policyflow.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.DossierUploads;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What the applicant and the deciders of the partner programme see of an application's dossier:
 * the applicant's materials task, the locality's recommendation task and the call's selection task.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
@SuppressWarnings({"unchecked", "rawtypes"})
class PartnerDossierTest {

  static final String SONGZHUANG = "tz-locality-songzhuang";

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  PartnerFixtures fixtures;
  String callId;

  @BeforeEach
  void setUp() {
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    callId = "TZP-D-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void partnerDOC_1_theMaterialsTaskIsRefusedWithoutTheRequiredDocumentsNamingThemAndNothingMoves(
      EngineStateRestored.Started started) {
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.startApplication("huanglei", eligibleApplication(callId, 60, SONGZHUANG)));
    Task materials = task(application);

    ResponseEntity<Map> dossier = get("huanglei", "/api/dossiers/tasks/" + materials.getId());
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> types = (List<Map<String, Object>>) ((Map) dossier.getBody().get("upload")).get("types");
    assertThat(types).filteredOn(t -> Boolean.TRUE.equals(t.get("required"))).extracting(t -> t.get("label"))
        .contains("申报书", "申请证明材料（营业执照、知识产权证明等）");

    assertThat(DossierUploads.upload(http, "huanglei", materials.getId(), "application-form", "申报书.pdf",
        DossierUploads.pdf("申报书")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<Map> refused = submit("huanglei", materials);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("[DOC-1]").contains("申请证明材料")
        .doesNotContain("[DOC-1] 申报书");
    assertThat(task(application).getId()).isEqualTo(materials.getId());

    DossierUploads.uploadRequired(http, "huanglei", materials.getId());
    assertThat(submit("huanglei", materials).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(task(application).getTaskDefinitionKey()).isEqualTo("Task_RecommendApplication");
  }

  @Test
  void partnerDOC_1_theLocalityClerkSeesTheApplicationsFieldsAndDocumentsAtTheRecommendation(
      EngineStateRestored.Started started) {
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.startApplication("huanglei", eligibleApplication(callId, 61, SONGZHUANG)));
    byte[] form = DossierUploads.pdf("申报书 61");
    DossierUploads.upload(http, "huanglei", task(application).getId(), "application-form", "申报书.pdf", form);
    fixtures.submitMaterials("huanglei", application.getId());
    Task recommend = task(application);

    ResponseEntity<Map> dossier = get("sunpeng", "/api/dossiers/tasks/" + recommend.getId());
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> fields = new ArrayList<>();
    ((List<Map<String, Object>>) dossier.getBody().get("sections")).forEach(s -> fields.addAll((List) s.get("fields")));
    assertThat(fields).anySatisfy(f -> {
      assertThat(f.get("label")).isEqualTo("单位名称");
      assertThat(f.get("value")).isEqualTo("北京通州示例科技有限公司61");
    });
    List<Map<String, Object>> documents = (List<Map<String, Object>>) dossier.getBody().get("documents");
    assertThat(documents).singleElement().satisfies(d -> assertThat(d).containsEntry("typeLabel", "申报书")
        .containsEntry("uploadedBy", "huanglei").containsEntry("version", 1));
    ResponseEntity<byte[]> content = http.withBasicAuth("sunpeng", "demo")
        .getForEntity((String) documents.get(0).get("downloadUrl"), byte[].class);
    assertThat(content.getBody()).isEqualTo(form);

    assertThat(get("zhouqiang", "/api/dossiers/tasks/" + recommend.getId()).getStatusCode())
        .as("another locality's clerk").isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void partnerTZP_Q2_theSelectionTaskListsEveryRecommendedApplicationWithItsFiguresAndDossier(
      EngineStateRestored.Started started) {
    ProcessInstance call = started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.apply("huanglei", eligibleApplication(callId, 62, SONGZHUANG)));
    fixtures.completeAs("sunpeng", List.of(SONGZHUANG), task(application).getId(),
        PartnerFixtures.recommendation("研发实力强"));
    ClockUtil.setCurrentTime(at(2026, 4, 4, 0));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(call.getId()).activityId("IntermediateCatchEvent_RecommendationClosed").singleResult().getId());
    fixtures.reviewEveryApplication(call, 80, 75);
    Task selection = task(call);

    ResponseEntity<Map> dossier = get("wanglixin", "/api/dossiers/tasks/" + selection.getId());
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> related = (List<Map<String, Object>>) dossier.getBody().get("related");
    assertThat(related).singleElement().satisfies(r -> {
      assertThat(r).containsEntry("caseId", application.getId()).containsEntry("title", "北京通州示例科技有限公司62")
          .containsEntry("url", "/api/dossiers/" + application.getId());
      assertThat((List<Map<String, Object>>) r.get("summary")).contains(Map.of("label", "研发人员（人）", "value", "12"),
          Map.of("label", "属地推荐意见", "value", "推荐：研发实力强"));
    });
    assertThat(get("wanglixin", "/api/dossiers/" + application.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("sunpeng", "/api/dossiers/tasks/" + selection.getId()).getStatusCode())
        .as("a locality clerk has no part in the selection").isEqualTo(HttpStatus.FORBIDDEN);
  }

  private Task task(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private ResponseEntity<Map> get(String user, String path) {
    return http.withBasicAuth(user, "demo").getForEntity(path, Map.class);
  }

  private ResponseEntity<Map> submit(String user, Task task) {
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Map.of("materialsConfirmed", Map.of("value", true))), Map.class);
  }
}
