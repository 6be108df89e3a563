package org.policyflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The engine's own routes to a case's data — task attachments and variables, process and historic variables,
 * history of tasks and instances — through the engine REST API and through the webapps' session API that
 * Tasklist uses. Someone who may not see a case gets a refusal or nothing from each.
 */
public final class EngineRoutes {

  private EngineRoutes() {}

  public static void assertNothingReadable(TestRestTemplate http, String user, String caseId, String taskId) {
    List<String> paths = List.of(
        "/task/" + taskId,
        "/task/" + taskId + "/variables",
        "/task/" + taskId + "/form-variables",
        "/task/" + taskId + "/attachment",
        "/task/" + taskId + "/comment",
        "/process-instance/" + caseId + "/variables",
        "/history/variable-instance?processInstanceId=" + caseId,
        "/history/detail?processInstanceId=" + caseId,
        "/history/task?processInstanceId=" + caseId,
        "/history/process-instance/" + caseId,
        "/history/activity-instance?processInstanceId=" + caseId);
    var session = TasklistSession.login(http, user);
    for (String path : paths) {
      assertNothing(http.withBasicAuth(user, "demo").getForEntity("/engine-rest" + path, String.class),
          "/engine-rest" + path);
      assertNothing(http.exchange("/camunda/api/engine/engine/default" + path, HttpMethod.GET,
          new HttpEntity<>(session), String.class), "session " + path);
    }
  }

  /** 403 or 404, or an empty list: the caller learns nothing of the case. */
  private static void assertNothing(ResponseEntity<String> response, String what) {
    if (response.getStatusCode().is2xxSuccessful()) {
      assertThat(response.getBody()).as(what + " → " + response.getBody()).isIn("[]", "{\"count\":0}");
    } else {
      assertThat(response.getStatusCode()).as(what + " → " + response.getBody())
          .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    }
  }
}
