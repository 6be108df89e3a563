package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.testsupport.DossierUploads;
import org.policyflow.testsupport.EngineStateRestored;
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

/**
 * The Tasklist tab 申报材料 calls /api/dossiers with the Tasklist login: reading needs the session,
 * uploading also the session's CSRF token, and the dossier's own access rules still decide.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
@SuppressWarnings("rawtypes")
class DossierSessionTest {

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  @Test
  void dossierDOC_1_theTasklistLoginReadsItsTasksDossierAndUploadsOnlyWithTheCsrfToken(EngineStateRestored.Started started) {
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    String callId = "TZP-S-" + UUID.randomUUID().toString().substring(0, 8);
    started.add(fixtures.openCall(callId, "2026-03-20", 5, 2, Map.of()));
    ProcessInstance application = started.add(fixtures.startApplication("huanglei",
        eligibleApplication(callId, 70, "tz-locality-songzhuang")));
    Task materials = engine.getTaskService().createTaskQuery().processInstanceId(application.getId()).singleResult();
    String dossierPath = "/api/dossiers/tasks/" + materials.getId();
    CockpitSession applicant = CockpitSession.login(http, "huanglei", "demo", "tasklist");

    ResponseEntity<Map> read = http.exchange(dossierPath, HttpMethod.GET, new HttpEntity<>(applicant.headers()), Map.class);
    assertThat(read.getStatusCode()).as(String.valueOf(read.getBody())).isEqualTo(HttpStatus.OK);

    HttpHeaders withoutToken = new HttpHeaders();
    withoutToken.add(HttpHeaders.COOKIE, applicant.cookies());
    ResponseEntity<Map> forged = upload(dossierPath + "/documents", withoutToken);
    assertThat(forged.getStatusCode().value()).as("no CSRF token: not authenticated").isEqualTo(401);
    assertThat((List) http.withBasicAuth("huanglei", "demo").getForEntity(dossierPath, Map.class).getBody().get("documents"))
        .as("nothing stored").isEmpty();

    ResponseEntity<Map> uploaded = upload(dossierPath + "/documents", applicant.headers());
    assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(uploaded.getBody()).containsEntry("uploadedBy", "huanglei").containsEntry("version", 1);

    CockpitSession other = CockpitSession.login(http, "xuting", "demo", "tasklist");
    assertThat(http.exchange(dossierPath, HttpMethod.GET, new HttpEntity<>(other.headers()), Map.class).getStatusCode())
        .as("another applicant").isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<Map> upload(String path, HttpHeaders headers) {
    LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("type", "application-form");
    body.add("file", new ByteArrayResource(DossierUploads.pdf("申报书")) {
      @Override
      public String getFilename() {
        return "申报书.pdf";
      }
    });
    HttpHeaders multipart = new HttpHeaders();
    multipart.addAll(headers);
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, multipart), Map.class);
  }
}
