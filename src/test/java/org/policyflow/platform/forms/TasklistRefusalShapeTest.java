package org.policyflow.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.TasklistSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Tasklist submits through the webapps' own mount of the engine API ({@code /camunda/api/engine}), a
 * JAX-RS application of its own: a refusal there has the same 400 shape as on {@code /engine-rest}, which
 * is what tasklist/scripts/form-refusal.js reads to put the reasons next to the button and on the fields.
 */
@PolicyflowIntegrationTest
class TasklistRefusalShapeTest {

  private static final String TASKLIST_ENGINE_API = "/camunda/api/engine/engine/default";

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void tasklistsStartFormGetsFORM_REQUIRED_andFORM_TYPE_asViolationsWithoutEngineText() {
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-application").count();
    HttpHeaders session = TasklistSession.login(http, "huanglei");
    HttpHeaders json = new HttpHeaders();
    json.putAll(session);
    json.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> variables = Map.of("callId", Map.of("value", "TZP-2026-99"),
        "independentLegalPerson", Map.of("value", "yes"));

    // By id, as Tasklist addresses the start form.
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("partner-application").latestVersion().singleResult().getId();
    ResponseEntity<Map> refused = http.postForEntity(TASKLIST_ENGINE_API
            + "/process-definition/" + definitionId + "/submit-form",
        new HttpEntity<>(Map.of("variables", variables), json), Map.class);

    assertThat(refused.getStatusCode().value()).as(String.valueOf(refused.getBody())).isEqualTo(400);
    assertThat(refused.getBody()).containsEntry("type", "PolicyRuleException");
    assertThat((String) refused.getBody().get("message")).doesNotContain("Cannot instantiate");
    List<Map<String, Object>> violations = (List<Map<String, Object>>) refused.getBody().get("violations");
    assertThat(violations).anySatisfy(v -> assertThat(v).containsEntry("ruleId", "FORM-REQUIRED")
        .containsEntry("field", "contactName").containsKeys("reasonZh", "reasonEn"));
    assertThat(violations).anySatisfy(v -> assertThat(v).containsEntry("ruleId", "FORM-TYPE")
        .containsEntry("field", "independentLegalPerson"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-application").count()).isEqualTo(before);
  }
}
