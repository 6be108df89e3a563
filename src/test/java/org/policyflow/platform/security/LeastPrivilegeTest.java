package org.policyflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.experts.ExpertReviewDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Issue #16: every role holds exactly its rights; a refused call changes nothing. One test per finding. */
@PolicyflowIntegrationTest
class LeastPrivilegeTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired DataSource dataSource;

  private final List<String> started = new ArrayList<>();
  private ProcessInstance target;
  private Task targetTask;

  @BeforeEach
  void startTargetCheck() {
    target = runtimeService.startProcessInstanceByKey("target-record", Map.of(
        "targetKey", "high-tech-enterprises", "targetValue", 1620, "asOfDate", "2026-09-30",
        "source", "区统计局2026年三季度报表", "reporter", "wanglixin"));
    started.add(target.getId());
    targetTask = taskService.createTaskQuery().processInstanceId(target.getId()).singleResult();
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    identityService.clearAuthentication();
    for (String id : started) {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtimeService.deleteProcessInstance(id, "test cleanup");
      }
    }
  }

  @Test
  void finding1_portalHoldsNoEngineInstanceRights_TZP_N1_TZP_C4_deliversOnlyThroughTheCheckingEndpoints() {
    for (String process : List.of("public-notice", "partner-cooperation")) {
      for (Permissions permission : List.of(Permissions.UPDATE_INSTANCE, Permissions.READ_INSTANCE)) {
        assertThat(authorizationService.isUserAuthorized("portal", List.of("portals"), permission,
            Resources.PROCESS_DEFINITION, process)).as(process + " " + permission).isFalse();
      }
    }
    String pi = "/engine-rest/process-instance/" + target.getId();
    Map<String, List<String>> before = DatabaseSnapshot.of(dataSource);
    assertRefused("portal", HttpMethod.PUT, pi + "/variables/noticeEndsAt", Map.of("value", "2030-01-01T00:00:00.000+0800", "type", "Date"));
    assertRefused("portal", HttpMethod.PUT, pi + "/suspended", Map.of("suspended", true));
    assertRefused("portal", HttpMethod.GET, pi + "/variables", null);
    assertRefused("portal", HttpMethod.POST, "/engine-rest/message", Map.of("messageName", "NoticeObjection",
        "processInstanceId", target.getId()));
    assertThat(DatabaseSnapshot.of(dataSource)).isEqualTo(before);

    // The endpoints the portal exists for check that the notice or cooperation runs.
    ResponseEntity<Map> noNotice = http.withBasicAuth("portal", "demo").postForEntity(
        "/api/notices/" + target.getId() + "/objections", Map.of("candidateId", "x", "reason", "理由",
            "objectorName", "张三", "objectorContact", "13911112222"), Map.class);
    assertThat(noNotice.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<Map> noCooperation = http.withBasicAuth("portal", "demo").postForEntity(
        "/api/partner-cooperations/" + target.getId() + "/violation-reports", Map.of("violationType", "fraud",
            "violationDescription", "材料造假", "reporterName", "某单位"), Map.class);
    assertThat(noCooperation.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(noCooperation.getBody()).containsEntry("rule", "TZP-C4");
    // Nobody else reports violations through that endpoint.
    assertRefused("wanglixin", HttpMethod.POST, "/api/partner-cooperations/" + target.getId() + "/violation-reports",
        Map.of("violationType", "fraud"));
  }

  @Test
  void finding3_jobsWithoutAProcessDefinition_onlyAdministratorsActOnThem() {
    String jobId = historyCleanupJob();
    Job job = managementService.createJobQuery().jobId(jobId).singleResult();
    Map<String, List<String>> before = DatabaseSnapshot.of(dataSource);
    for (String user : List.of("huanglei", "sunpeng", "wanglixin", "qianfang", "lintao")) {
      assertRefused(user, HttpMethod.POST, "/engine-rest/job/" + jobId + "/execute", null);
      assertRefused(user, HttpMethod.PUT, "/engine-rest/job/" + jobId + "/duedate", Map.of("duedate", "2030-01-01T00:00:00.000+0800"));
      assertRefused(user, HttpMethod.PUT, "/engine-rest/job/" + jobId + "/retries", Map.of("retries", 0));
      assertRefused(user, HttpMethod.DELETE, "/engine-rest/job/" + jobId, null);
      assertRefused(user, HttpMethod.POST, "/engine-rest/history/cleanup", null);
    }
    assertThat(DatabaseSnapshot.of(dataSource)).isEqualTo(before);
    Job after = managementService.createJobQuery().jobId(jobId).singleResult();
    assertThat(after.getRetries()).as("a refused execute must not cost a retry").isEqualTo(job.getRetries());
    assertThat(after.getDuedate()).isEqualTo(job.getDuedate());

    ResponseEntity<String> byAdministrator = exchange("demo", HttpMethod.PUT, "/engine-rest/job/" + jobId + "/duedate",
        Map.of("duedate", "2030-01-01T00:00:00.000+0800"));
    assertThat(byAdministrator.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void finding4_candidateClerk_claimsUnclaimsAttachesAndSubmits_butChangesNothingElseOfTheTask() {
    String task = "/engine-rest/task/" + targetTask.getId();
    assertThat(authorizationService.isUserAuthorized("wanglixin", List.of("tz-sti"), Permissions.UPDATE,
        Resources.TASK, targetTask.getId())).as("no UPDATE on the task").isFalse();
    assertThat(authorizationService.isUserAuthorized("wanglixin", List.of("tz-sti"), TaskPermissions.TASK_WORK,
        Resources.TASK, targetTask.getId())).as("TASK_WORK on the task").isTrue();

    Map<String, List<String>> before = DatabaseSnapshot.of(dataSource);
    assertRefused("wanglixin", HttpMethod.POST, task + "/variables",
        Map.of("modifications", Map.of("targetValue", Map.of("value", 1, "type", "Integer"))));
    assertRefused("wanglixin", HttpMethod.PUT, task + "/variables/targetValue", Map.of("value", 1, "type", "Integer"));
    assertRefused("wanglixin", HttpMethod.PUT, task + "/localVariables/targetValue", Map.of("value", 1, "type", "Integer"));
    assertRefused("wanglixin", HttpMethod.POST, task + "/identity-links", Map.of("groupId", "tz-locality-songzhuang", "type", "candidate"));
    assertRefused("wanglixin", HttpMethod.PUT, task, Map.of("name", targetTask.getName(), "due", "2030-01-01T00:00:00.000+0800"));
    assertRefused("wanglixin", HttpMethod.POST, task + "/assignee", Map.of("userId", "chenxiaoyan"));
    assertRefused("wanglixin", HttpMethod.POST, task + "/delegate", Map.of("userId", "chenxiaoyan"));
    assertRefused("wanglixin", HttpMethod.POST, task + "/complete", Map.of("variables", Map.of("verification", Map.of("value", "confirmed"))));
    // The same API as the webapps mount it, and under the engine's name, is the same operation.
    assertRefused("wanglixin", HttpMethod.PUT, "/engine-rest/engine/default/task/" + targetTask.getId() + "/variables/targetValue",
        Map.of("value", 1, "type", "Integer"));
    assertThat(DatabaseSnapshot.of(dataSource)).isEqualTo(before);

    assertThat(exchange("wanglixin", HttpMethod.POST, task + "/claim", Map.of("userId", "wanglixin")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(exchange("wanglixin", HttpMethod.POST, task + "/unclaim", null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    // Documents go to the case dossier (docs/dossier.md); the engine's attachment upload is not a candidate's right.
    assertRefused("wanglixin", HttpMethod.POST, task + "/attachment/create", null);
    ResponseEntity<String> submitted = exchange("wanglixin", HttpMethod.POST, task + "/submit-form",
        Map.of("variables", Map.of("verification", Map.of("value", "confirmed"))));
    assertThat(submitted.getStatusCode()).as(submitted.getBody()).isIn(HttpStatus.NO_CONTENT, HttpStatus.BAD_REQUEST);
  }

  @Test
  void finding5_auditorChangesNothing_noCommentAttachmentOrProfile_andARefusalLeavesNoTrace() {
    String task = "/engine-rest/task/" + targetTask.getId();
    Map<String, List<String>> before = DatabaseSnapshot.of(dataSource);
    assertRefused("qianfang", HttpMethod.POST, task + "/comment/create", Map.of("message", "审计意见"));
    assertThat(upload("qianfang", targetTask.getId(), "审计.pdf").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertRefused("qianfang", HttpMethod.PUT, "/engine-rest/user/qianfang/profile",
        Map.of("id", "qianfang", "firstName", "芳", "lastName", "钱（已改）"));
    assertRefused("qianfang", HttpMethod.PUT, "/engine-rest/user/qianfang/credentials",
        Map.of("password", "another-password-123", "authenticatedUserPassword", "demo"));
    assertRefused("qianfang", HttpMethod.POST, "/engine-rest/process-instance/" + target.getId() + "/comment/create",
        Map.of("message", "x"));
    assertRefused("qianfang", HttpMethod.PUT, "/engine-rest/process-instance/" + target.getId() + "/suspended",
        Map.of("suspended", true));
    assertThat(DatabaseSnapshot.of(dataSource)).as("refused calls leave no trace").isEqualTo(before);
    assertThat(taskService.getTaskComments(targetTask.getId())).isEmpty();
    assertThat(taskService.getTaskAttachments(targetTask.getId())).isEmpty();
  }

  @Test
  void finding8_expertEXP_3_readsNoOtherExpertsScoreBeforeScoring_throughRuntimeOrHistory() {
    ExpertReviewDriver experts = new ExpertReviewDriver(engine);
    ClockUtil.setCurrentTime(Date.from(java.time.OffsetDateTime.parse("2025-11-03T09:00+08:00").toInstant()));
    Map<String, Object> variables = new HashMap<>();
    variables.put("reviewStage", "材料审查");
    variables.put("reviewCriteriaStage", "bj-material");
    variables.put("subjectName", "北京芯联创新联合体");
    variables.put("applicantOrganisation", "清华大学");
    variables.put("memberOrganisations", List.of("北京大学"));
    variables.put("field", "集成电路");
    variables.put("reviewOfficeGroup", "bj-sti");
    ProcessInstance review = runtimeService.startProcessInstanceByKey("expert-review", variables);
    started.add(review.getId());
    experts.executeAsyncJobs(review.getId());
    List<Task> tasks = experts.scoreTasks(review.getId());
    experts.score(tasks.get(0), 87, "第一位专家的评审意见：方案可行。");
    String second = tasks.get(1).getAssignee();

    String byInstance = "?processInstanceId=" + review.getId();
    for (String path : List.of("/engine-rest/history/variable-instance" + byInstance,
        "/engine-rest/history/variable-instance/count" + byInstance, "/engine-rest/history/detail" + byInstance,
        "/engine-rest/history/detail/count" + byInstance, "/engine-rest/variable-instance" + byInstance,
        "/engine-rest/history/process-instance/" + review.getId(), "/engine-rest/history/decision-instance",
        "/engine-rest/execution/" + tasks.get(0).getExecutionId() + "/localVariables")) {
      assertRefused(second, HttpMethod.GET, path, null);
    }
    assertRefused(second, HttpMethod.POST, "/engine-rest/history/variable-instance", Map.of("processInstanceId", review.getId()));
    assertRefused(second, HttpMethod.POST, "/engine-rest/history/detail", Map.of("processInstanceId", review.getId()));

    // Their own task's form still works, and shows nothing of the first score.
    ResponseEntity<String> form = exchange(second, HttpMethod.GET,
        "/engine-rest/task/" + tasks.get(1).getId() + "/form-variables", null);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).doesNotContain("第一位专家").doesNotContain("reviewScores").doesNotContain("reviewEntry");
  }

  @Test
  void finding9_noBasicChallenge_crossSiteCallsRefused_profilesByAdministratorsOnly() {
    for (String path : List.of("/engine-rest/task", "/api/audit/processes")) {
      ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
      assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).as(path).isNull();
    }

    // A browser replaying credentials for another site's page: refused, nothing deployed.
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    for (Map<String, String> browser : List.of(Map.of("Origin", "https://evil.example"),
        Map.of("Sec-Fetch-Site", "cross-site"))) {
      HttpHeaders headers = new HttpHeaders();
      browser.forEach(headers::add);
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
      body.add("deployment-name", "foreign");
      body.add("data", new ByteArrayResource("<definitions/>".getBytes(StandardCharsets.UTF_8)) {
        @Override
        public String getFilename() {
          return "foreign.bpmn";
        }
      });
      ResponseEntity<String> response = http.withBasicAuth("lintao", "demo")
          .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
      assertThat(response.getStatusCode()).as(browser.toString()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(response.getBody()).contains("CrossSiteRequestRefused");
    }
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    HttpHeaders sameSite = new HttpHeaders();
    sameSite.add("Sec-Fetch-Site", "same-origin");
    assertThat(http.withBasicAuth("wanglixin", "demo").exchange("/engine-rest/task", HttpMethod.GET,
        new HttpEntity<>(sameSite), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    // No self-rename: the REST call is refused, and the engine refuses it too.
    assertRefused("huanglei", HttpMethod.PUT, "/engine-rest/user/huanglei/profile",
        Map.of("id", "huanglei", "firstName", "立新", "lastName", "王"));
    identityService.setAuthentication("huanglei", List.of("applicants"));
    try {
      User self = identityService.createUserQuery().userId("huanglei").singleResult();
      self.setLastName("王");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> identityService.saveUser(self))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(identityService.createUserQuery().userId("huanglei").singleResult().getLastName()).isEqualTo("黄");
  }

  @Test
  void finding9_lockOut_wrongPasswordsSlowAUserDownButNeverLockThemOutForGood() {
    User user = identityService.newUser("lockout-probe");
    user.setPassword("right-password-123");
    identityService.saveUser(user);
    try {
      Date now = new Date();
      ClockUtil.setCurrentTime(now);
      for (int attempt = 0; attempt < 25; attempt++) {
        assertThat(identityService.checkPassword("lockout-probe", "wrong")).isFalse();
        now = new Date(now.getTime() + 61_000);
        ClockUtil.setCurrentTime(now);
      }
      assertThat(identityService.checkPassword("lockout-probe", "right-password-123"))
          .as("after 25 wrong attempts and the delay, the right password works").isTrue();

      assertThat(identityService.checkPassword("lockout-probe", "wrong")).isFalse();
      assertThat(identityService.checkPassword("lockout-probe", "right-password-123"))
          .as("during the delay after a failure even the right password waits").isFalse();
      ClockUtil.setCurrentTime(new Date(now.getTime() + 61_000));
      assertThat(identityService.checkPassword("lockout-probe", "right-password-123")).isTrue();
    } finally {
      ClockUtil.reset();
      identityService.deleteUser("lockout-probe");
    }
  }

  private String historyCleanupJob() {
    Job existing = historyService.findHistoryCleanupJobs().stream().findFirst().orElse(null);
    return existing != null ? existing.getId() : historyService.cleanUpHistoryAsync(true).getId();
  }

  private void assertRefused(String user, HttpMethod method, String path, Object body) {
    ResponseEntity<String> response = exchange(user, method, path, body);
    assertThat(response.getStatusCode()).as(user + " " + method + " " + path + " → " + response.getBody())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody()).contains("AccessDenied");
  }

  private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").exchange(path, method,
        body == null ? new HttpEntity<>(headers) : new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> upload(String user, String taskId, String fileName) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("attachment-name", fileName);
    body.add("content", new ByteArrayResource(new byte[] {37, 80, 68, 70}) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/attachment/create",
        new HttpEntity<>(body, headers), String.class);
  }
}
