package org.policyflow.consortium.beijing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
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
import org.policyflow.testsupport.EngineRoutes;
import org.policyflow.testsupport.EngineStateRestored;
import org.policyflow.testsupport.TasklistSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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

  /** Tasklist's tab works with the webapp login: reads with the session, uploads only with its CSRF token. */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierTasklistSession_readsAndUploadsOnlyWithTheWebappsCsrfToken(EngineStateRestored.Started started) {
    ProcessInstance consortium = started.add(propose("北京某氢能创新联合体"));
    Task lead = engine.getTaskService().createTaskQuery().processInstanceId(consortium.getId()).singleResult();
    HttpHeaders session = TasklistSession.login(http, OFFICER);

    ResponseEntity<Map> read = http.exchange("/api/dossiers/tasks/" + lead.getId(), HttpMethod.GET,
        new HttpEntity<>(session), Map.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    HttpHeaders withoutToken = new HttpHeaders();
    withoutToken.put(HttpHeaders.COOKIE, session.get(HttpHeaders.COOKIE));
    assertThat(DossierUploads.upload(http, withoutToken, lead.getId(), "demand-argumentation", "论证.pdf",
        DossierUploads.pdf("无令牌")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<Map> uploaded = DossierUploads.upload(http, session, lead.getId(), "demand-argumentation", "论证.pdf",
        DossierUploads.pdf("会话上传"));
    assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(uploaded.getBody().get("uploadedBy")).isEqualTo(OFFICER);
    assertThat((List<?>) get(OFFICER, "/api/dossiers/" + consortium.getId()).getBody().get("documents")).hasSize(1);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierDOC_2_DOC_3_anUploadOutsideTheTaskOrTheLimitsIsRefusedNamingFieldAndRule(EngineStateRestored.Started started) {
    ProcessInstance consortium = started.add(propose("北京某储能创新联合体"));
    Task lead = engine.getTaskService().createTaskQuery().processInstanceId(consortium.getId()).singleResult();

    ResponseEntity<Map> wrongType = DossierUploads.upload(http, OFFICER, lead.getId(), "integrity-commitment",
        "诚信承诺书.pdf", DossierUploads.pdf("承诺"));
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, Object>>) wrongType.getBody().get("violations")).singleElement().satisfies(v -> {
      assertThat(v.get("ruleId")).isEqualTo("DOC-2");
      assertThat(v.get("field")).isEqualTo("type");
      assertThat((String) v.get("reasonZh")).contains("技术需求论证材料");
    });
    for (var file : List.of(Map.entry("setup.exe", new byte[] {77, 90}), Map.entry("空白.pdf", new byte[0]),
        Map.entry("扫描件.pdf", new byte[20 * 1024 * 1024 + 1]))) {
      ResponseEntity<Map> refused = DossierUploads.upload(http, OFFICER, lead.getId(), "demand-argumentation",
          file.getKey(), file.getValue());
      assertThat(refused.getStatusCode()).as(file.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat((List<Map<String, Object>>) refused.getBody().get("violations")).as(file.getKey()).singleElement()
          .satisfies(v -> {
            assertThat(v.get("ruleId")).isEqualTo("DOC-3");
            assertThat(v.get("field")).isEqualTo("file");
          });
    }
    assertThat((List<?>) get(OFFICER, "/api/dossiers/" + consortium.getId()).getBody().get("documents")).isEmpty();
  }

  /**
   * The expert scores with the consortium's dossier in view (from inside the expert-review call); another
   * expert's score stays hidden from the panel until the panel ends (EXP-3); an expert not on the panel gets
   * nothing through any route.
   */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierEXP_3_thePanelSeesTheDossierNotEachOthersScoresAndOutsidersGetNothing(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2025-11-03T09:00+08:00").toInstant()));
    ProcessInstance consortium = started.add(propose("北京某新材料创新联合体"));
    Task lead = engine.getTaskService().createTaskQuery().processInstanceId(consortium.getId()).singleResult();
    DossierUploads.uploadRequired(http, OFFICER, lead.getId());
    completeAsOfficer(lead, BjConsortiumProcessTest.leadForm());
    completeAsOfficer(task(consortium, "Task_DetermineMembers"), Map.of("members", List.of(
        BjConsortiumProcessTest.member("清华大学", "university", "北京"),
        BjConsortiumProcessTest.member("北京某封装测试有限公司", "enterprise", "北京"))));
    completeAsOfficer(task(consortium, "Task_RecordAgreement"), BjConsortiumProcessTest.agreementForm());
    ExpertReviewDriver experts = new ExpertReviewDriver(engine);
    experts.executeAsyncJobs(consortium.getId());
    List<Task> scoring = experts.scoreTasks(consortium.getId());
    assertThat(scoring).hasSizeGreaterThan(1);
    Task first = scoring.get(0);
    Task second = scoring.get(1);
    List<String> panel = scoring.stream().map(Task::getAssignee).toList();
    String notOnPanel = engine.getIdentityService().createUserQuery().memberOfGroup("experts").list().stream()
        .map(org.camunda.bpm.engine.identity.User::getId).filter(id -> !panel.contains(id)).findFirst().orElseThrow();

    ResponseEntity<Map> seen = get(first.getAssignee(), "/api/dossiers/tasks/" + first.getId());
    assertThat(seen.getStatusCode()).as(String.valueOf(seen.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(seen.getBody().get("caseId")).isEqualTo(consortium.getId());
    assertThat((List<Map<String, Object>>) seen.getBody().get("documents")).extracting(d -> d.get("typeLabel"))
        .contains("技术需求论证材料");
    assertThat((List<Map<String, Object>>) seen.getBody().get("sections"))
        .flatExtracting(section -> (List<Map<String, Object>>) section.get("fields")).extracting(f -> f.get("label"))
        .contains("创新联合体名称", "技术创新需求");
    assertThat(((Map<String, Object>) seen.getBody().get("upload")).get("allowed")).isEqualTo(false);

    experts.score(first, 88, "技术路线清晰，团队结构合理，建议按计划推进。");
    assertThat(sectionsBy(second.getAssignee(), consortium, first.getAssignee())).isEmpty();
    assertThat(sectionsBy(first.getAssignee(), consortium, first.getAssignee())).hasSize(1);
    assertThat(sectionsBy(OFFICER, consortium, first.getAssignee())).singleElement()
        .satisfies(section -> assertThat(section.get("stage")).isEqualTo("专家评审：材料审查"));

    String document = (String) ((List<Map<String, Object>>) seen.getBody().get("documents")).get(0).get("downloadUrl");
    for (String path : List.of("/api/dossiers/" + consortium.getId(), "/api/dossiers/tasks/" + second.getId(), document)) {
      assertThat(http.withBasicAuth(notOnPanel, "demo").getForEntity(path, String.class).getStatusCode()).as(path)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(DossierUploads.upload(http, notOnPanel, second.getId(), "other", "x.pdf", DossierUploads.pdf("x"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    EngineRoutes.assertNothingReadable(http, notOnPanel, consortium.getId(), second.getId());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Map<String, Object>> sectionsBy(String viewer, ProcessInstance consortium, String submitter) {
    ResponseEntity<Map> dossier = get(viewer, "/api/dossiers/" + consortium.getId());
    assertThat(dossier.getStatusCode()).isEqualTo(HttpStatus.OK);
    return ((List<Map<String, Object>>) dossier.getBody().get("sections")).stream()
        .filter(section -> submitter.equals(section.get("submittedBy"))).toList();
  }

  private Task task(ProcessInstance instance, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
        .singleResult();
  }

  private void completeAsOfficer(Task task, Map<String, Object> variables) {
    engine.getIdentityService().setAuthentication(OFFICER, List.of("bj-sti"));
    try {
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
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
