package org.policyflow.shared.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Who may do what: staff start their own processes, localities see their own tasks, auditors only read. */
@PolicyflowIntegrationTest
class AccessRulesTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired FilterService filterService;
  @Autowired ProcessEngine processEngine;

  ProcessInstance instance;
  Task songzhuangTask;
  Task zgcTask;

  @BeforeEach
  void createWork() {
    instance = runtimeService.startProcessInstanceByKey("target-record",
        Map.of("targetKey", "canal-talents", "targetValue", 120, "reporter", "wanglixin"));
    songzhuangTask = localityTask("推荐申报：宋庄镇示例企业", "tz-locality-songzhuang");
    zgcTask = localityTask("推荐申报：通州园示例企业", "tz-locality-zgc-tongzhou");
  }

  @AfterEach
  void removeWork() {
    for (Task task : List.of(songzhuangTask, zgcTask)) {
      taskService.deleteTask(task.getId(), true);
    }
    if (runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0) {
      runtimeService.deleteProcessInstance(instance.getId(), "test cleanup");
    }
  }

  @Test
  void everyRoleAndLocalityIsAGroupWithAChineseName() {
    for (String group : List.of("tz-sti", "bj-sti", "bj-district-sti", "yc-stb", "experts", "auditors",
        "process-owners", "tz-locality-zgc-tongzhou", "tz-locality-canal-cbd", "tz-locality-songzhuang")) {
      assertThat(identityService.createGroupQuery().groupId(group).singleResult().getName())
          .as(group).matches(".*[\\u4e00-\\u9fa5].*");
    }
  }

  @Test
  void expertsCarryOrganisationAndFieldsForConflictChecks() {
    List<String> experts = identityService.createUserQuery().memberOfGroup("experts").list()
        .stream().map(u -> u.getId()).toList();
    assertThat(experts).hasSizeGreaterThanOrEqualTo(5);
    assertThat(experts.stream().map(id -> identityService.getUserInfo(id, "organisation")).distinct().count())
        .isGreaterThanOrEqualTo(5);
    assertThat(experts).allMatch(id -> identityService.getUserInfo(id, "fields") != null);
  }

  @Test
  void eachGroupOpensOnlyItsWebapps() {
    assertThat(canAccess("sunpeng", "tasklist")).isTrue();
    assertThat(canAccess("sunpeng", "cockpit")).isFalse();
    assertThat(canAccess("sunpeng", "admin")).isFalse();
    assertThat(canAccess("qianfang", "cockpit")).isTrue();
    assertThat(canAccess("qianfang", "tasklist")).isFalse();
    assertThat(canAccess("qianfang", "admin")).isFalse();
    assertThat(canAccess("demo", "admin")).isTrue();
  }

  @Test
  void onlyTheIntendedGroupStartsAProcess() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("target-record").count();
    assertThat(start("huanglei").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(start("sunpeng").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(start("qianfang").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("target-record").count())
        .isEqualTo(before);
    ResponseEntity<Map> started = start("wanglixin");
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    runtimeService.deleteProcessInstance((String) started.getBody().get("id"), "test cleanup");
  }

  @Test
  void aLocalityClerkSeesOnlyTheTasksOfTheirOwnLocality() {
    assertThat(taskNames("sunpeng")).contains("推荐申报：宋庄镇示例企业").doesNotContain("推荐申报：通州园示例企业", "核对指标数值：canal-talents");
    assertThat(taskNames("liuyang")).contains("推荐申报：通州园示例企业").doesNotContain("推荐申报：宋庄镇示例企业");
    assertThat(taskNames("wanglixin")).contains("核对指标数值：canal-talents").doesNotContain("推荐申报：宋庄镇示例企业");
  }

  @Test
  void theGroupFilterShowsALocalityClerkTheirUnclaimedTasks() {
    String filterId = filterService.createFilterQuery().filterName("本组待办").singleResult().getId();
    ResponseEntity<List> list = http.withBasicAuth("sunpeng", "demo")
        .getForEntity("/engine-rest/filter/" + filterId + "/list", List.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).extracting(t -> ((Map<?, ?>) t).get("name")).containsExactly("推荐申报：宋庄镇示例企业");
  }

  @Test
  void everyStaffMemberReadsTheModelsThroughTheirGroupAndNoGlobalRowRevokes() {
    // Permissions are checked revoke-aware (application.yaml): a global row lacking a permission would
    // deny it to everyone without a grant of their own, so none exists on the definitions.
    assertThat(authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(Resources.PROCESS_DEFINITION).count()).isZero();
    for (String user : List.of("sunpeng", "wanglixin", "qianfang")) {
      ResponseEntity<List> definitions = http.withBasicAuth(user, "demo")
          .getForEntity("/engine-rest/process-definition?key=partner-application", List.class);
      assertThat(definitions.getBody()).as(user).isNotEmpty();
    }
  }

  @Test
  void aGlobalAuthorizationIsReportedAndTheReadModelsRowOfAnEarlierVersionRemoved() {
    Authorization leftOver = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    leftOver.setUserId(Authorization.ANY);
    leftOver.setResource(Resources.PROCESS_DEFINITION);
    leftOver.setResourceId(Authorization.ANY);
    leftOver.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(leftOver);

    AccessProvisioning access = new AccessProvisioning(processEngine);
    assertThat(access.globalAuthorizations()).extracting(Authorization::getId).containsExactly(leftOver.getId());
    access.removeGlobalReadModels();

    assertThat(authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(Resources.PROCESS_DEFINITION).count()).isZero();
  }

  @Test
  void queriesCheckPermissionsRevokeAwarePerRow() {
    // The form of check that keeps Tasklist fast with many open tasks (docs/benchmark.md); the other
    // form joins every authorization on "*" to every open task.
    assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getAuthorizationCheckRevokes()).isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_ALWAYS);
    // A revoke for one clerk takes the task of her group out of her list, not out of her colleague's.
    Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("mali");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(songzhuangTask.getId());
    revoke.removePermission(Permissions.READ);
    authorizationService.saveAuthorization(revoke);
    try {
      assertThat(visibleTaskIds("mali")).doesNotContain(songzhuangTask.getId());
      assertThat(visibleTaskIds("sunpeng")).contains(songzhuangTask.getId());
    } finally {
      authorizationService.deleteAuthorization(revoke.getId());
    }
    assertThat(visibleTaskIds("mali")).contains(songzhuangTask.getId());
  }

  private List<String> visibleTaskIds(String user) {
    ResponseEntity<List<Map<String, Object>>> tasks = http.withBasicAuth(user, "demo").exchange(
        "/engine-rest/task?candidateGroup=tz-locality-songzhuang", HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
    return tasks.getBody().stream().map(task -> (String) task.get("id")).toList();
  }

  @Test
  void anAuditorReadsRuntimeAndHistory() {
    HttpStatus[] ok = {HttpStatus.OK};
    for (String path : List.of("/engine-rest/process-instance", "/engine-rest/history/process-instance",
        "/engine-rest/history/activity-instance", "/engine-rest/history/task", "/engine-rest/history/variable-instance",
        "/engine-rest/history/user-operation", "/engine-rest/task", "/engine-rest/deployment",
        "/engine-rest/process-definition")) {
      assertThat(http.withBasicAuth("qianfang", "demo").getForEntity(path, String.class).getStatusCode())
          .as(path).isIn((Object[]) ok);
    }
    assertThat(http.withBasicAuth("qianfang", "demo")
        .getForEntity("/engine-rest/process-instance/" + instance.getId(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void anAuditorCanModifyNothing() {
    String pi = "/engine-rest/process-instance/" + instance.getId();
    String task = "/engine-rest/task/" + taskService.createTaskQuery().processInstanceId(instance.getId())
        .singleResult().getId();
    assertForbidden(HttpMethod.DELETE, pi, null);
    assertForbidden(HttpMethod.PUT, pi + "/suspended", Map.of("suspended", true));
    assertForbidden(HttpMethod.PUT, pi + "/variables/targetValue", Map.of("value", 1, "type", "Integer"));
    assertForbidden(HttpMethod.POST, task + "/claim", Map.of("userId", "qianfang"));
    assertForbidden(HttpMethod.POST, task + "/complete", Map.of());
    assertForbidden(HttpMethod.POST, "/engine-rest/process-definition/key/target-record/start", Map.of());
    assertForbidden(HttpMethod.POST, "/engine-rest/user/create",
        Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "x")));
    assertForbidden(HttpMethod.POST, "/engine-rest/authorization/create",
        Map.of("type", 1, "permissions", List.of("ALL"), "userId", "qianfang", "resourceType", 0, "resourceId", "*"));
    assertForbidden(HttpMethod.DELETE, "/engine-rest/deployment/" + runtimeService.createProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult().getProcessDefinitionId(), null);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).active().count()).isOne();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getAssignee()).isNull();
    assertThat(runtimeService.getVariable(instance.getId(), "targetValue")).isEqualTo(120);
  }

  private void assertForbidden(HttpMethod method, String path, Object body) {
    ResponseEntity<String> response = http.withBasicAuth("qianfang", "demo")
        .exchange(path, method, body == null ? HttpEntity.EMPTY : new HttpEntity<>(body), String.class);
    assertThat(response.getStatusCode()).as(method + " " + path + " -> " + response.getBody())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    if (response.getStatusCode() == HttpStatus.NOT_FOUND) {
      // A deployment id that is not visible answers 404; everything else must be an explicit 403.
      assertThat(path).startsWith("/engine-rest/deployment/");
    }
  }

  private ResponseEntity<Map> start(String user) {
    return http.withBasicAuth(user, "demo").postForEntity(
        "/engine-rest/process-definition/key/target-record/start",
        Map.of("variables", Map.of("targetKey", Map.of("value", "canal-talents"),
            "targetValue", Map.of("value", 100),
            "asOfDate", Map.of("value", "2026-06-30"), "source", Map.of("value", "区统计局季度报表"))), Map.class);
  }

  private List<Object> taskNames(String user) {
    ResponseEntity<List> tasks = http.withBasicAuth(user, "demo").getForEntity("/engine-rest/task", List.class);
    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    return tasks.getBody().stream().map(t -> ((Map<?, ?>) t).get("name")).toList();
  }

  private boolean canAccess(String userId, String application) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list()
        .stream().map(g -> g.getId()).toList();
    return authorizationService.isUserAuthorized(userId, groups, Permissions.ACCESS, Resources.APPLICATION, application);
  }

  private Task localityTask(String name, String group) {
    Task task = taskService.newTask();
    task.setName(name);
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), group);
    return task;
  }
}
