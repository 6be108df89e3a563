package org.policyflow.consortium.beijing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.DossierUploads;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The Beijing consortium's dossier: what the office sees at its tasks, required documents, versions, access. */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class BjConsortiumDossierTest {

  private static final String OFFICER = BjConsortiumProcessTest.OFFICER;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierDOC_1_leadSelectionNeedsTheArgumentationAndKeepsEveryVersion(EngineStateRestored.Started started) {
    ProcessInstance consortium = started.add(propose("北京某先进材料创新联合体"));
    Task lead = engine.getTaskService().createTaskQuery().processInstanceId(consortium.getId()).singleResult();

    ResponseEntity<Map> dossier = get(OFFICER, "/api/dossiers/tasks/" + lead.getId());
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(dossier.getBody().get("caseId")).isEqualTo(consortium.getId());
    assertThat(dossier.getBody().get("caseTitle")).isEqualTo("北京某先进材料创新联合体");
    List<Map<String, Object>> sections = (List<Map<String, Object>>) dossier.getBody().get("sections");
    assertThat(sections).isNotEmpty();
    assertThat((List<Map<String, Object>>) sections.get(0).get("fields"))
        .anySatisfy(field -> {
          assertThat(field.get("label")).isEqualTo("创新联合体名称");
          assertThat(field.get("value")).isEqualTo("北京某先进材料创新联合体");
        });
    Map<String, Object> upload = (Map<String, Object>) dossier.getBody().get("upload");
    assertThat(upload.get("allowed")).isEqualTo(true);
    assertThat((List<Map<String, Object>>) upload.get("types")).singleElement()
        .satisfies(type -> {
          assertThat(type.get("label")).isEqualTo("技术需求论证材料");
          assertThat(type.get("required")).isEqualTo(true);
          assertThat(type.get("present")).isEqualTo(false);
        });

    ResponseEntity<Map> refused = submit(lead);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("[DOC-1]").contains("技术需求论证材料");
    assertThat(engine.getTaskService().createTaskQuery().taskId(lead.getId()).count()).isEqualTo(1);

    byte[] first = DossierUploads.pdf("论证材料 第一稿");
    byte[] second = DossierUploads.pdf("论证材料 第二稿");
    ResponseEntity<Map> v1 = DossierUploads.upload(http, OFFICER, lead.getId(), "demand-argumentation", "技术需求论证.pdf", first);
    assertThat(v1.getStatusCode()).as(String.valueOf(v1.getBody())).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<Map> v2 = DossierUploads.upload(http, OFFICER, lead.getId(), "demand-argumentation", "技术需求论证（修改稿）.pdf", second);
    assertThat(v2.getBody().get("version")).isEqualTo(2);

    List<Map<String, Object>> documents = (List<Map<String, Object>>) get(OFFICER, "/api/dossiers/" + consortium.getId())
        .getBody().get("documents");
    assertThat(documents).extracting(d -> d.get("version"), d -> d.get("current"), d -> d.get("fileName"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false, "技术需求论证.pdf"),
            org.assertj.core.groups.Tuple.tuple(2, true, "技术需求论证（修改稿）.pdf"));
    ResponseEntity<byte[]> content = http.withBasicAuth(OFFICER, "demo")
        .getForEntity((String) documents.get(0).get("downloadUrl"), byte[].class);
    assertThat(content.getBody()).isEqualTo(first);
    assertThat(content.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(documents.get(0).get("sha256"));
    assertThat(content.getHeaders().getContentDisposition().getFilename()).isEqualTo("技术需求论证.pdf");

    for (String outsider : List.of("hewei", "zhanghua", "huanglei", "liuyang")) {
      assertThat(get(outsider, "/api/dossiers/tasks/" + lead.getId()).getStatusCode()).as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(get(outsider, "/api/dossiers/" + consortium.getId()).getStatusCode()).as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth(outsider, "demo").getForEntity((String) documents.get(0).get("downloadUrl"), byte[].class)
          .getStatusCode()).as(outsider).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("qianfang", "/api/dossiers/" + consortium.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(submit(lead).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @SuppressWarnings("rawtypes")
  private ResponseEntity<Map> get(String user, String path) {
    return http.withBasicAuth(user, "demo").getForEntity(path, Map.class);
  }

  @SuppressWarnings("rawtypes")
  private ResponseEntity<Map> submit(Task task) {
    Map<String, Object> variables = new HashMap<>();
    BjConsortiumProcessTest.leadForm().forEach((k, v) -> variables.put(k, Map.of("value", v)));
    // The form asks for a fuller argumentation than the process test's short values.
    variables.put("directionUrgency", Map.of("value", "关键材料长期依赖进口，国际供应链存在断供风险，须尽快实现国产替代以保障产业安全"));
    variables.put("directionFeasibility", Map.of("value", "牵头单位已完成中试验证，成员单位具备量产条件，三年内可实现工程化应用与批量供货"));
    return http.withBasicAuth(OFFICER, "demo").postForEntity("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", variables), Map.class);
  }

  private ProcessInstance propose(String name) {
    engine.getIdentityService().setAuthentication(OFFICER, List.of("bj-sti"));
    try {
      return engine.getRuntimeService().startProcessInstanceByKey("bj-consortium", BjConsortiumProcessTest.proposal(name));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
