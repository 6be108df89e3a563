package org.policyflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * Uploads dossier documents the way Tasklist's 申报材料 tab does ({@code POST /api/dossiers/tasks/{id}/documents}),
 * for tests that complete a task which requires documents (DOC-1) over HTTP. Demo users' password is "demo".
 */
public final class DossierUploads {

  private DossierUploads() {}

  /** A small file that is a PDF by name and header, different for every type so hashes differ. */
  public static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("rawtypes")
  public static ResponseEntity<Map> upload(TestRestTemplate http, String user, String taskId, String type,
      String fileName, byte[] content) {
    return upload(http.withBasicAuth(user, "demo"), new HttpHeaders(), taskId, type, fileName, content);
  }

  /** As the Tasklist tab sends it: with the webapp session's cookie and CSRF header instead of credentials. */
  @SuppressWarnings("rawtypes")
  public static ResponseEntity<Map> upload(TestRestTemplate http, HttpHeaders session, String taskId, String type,
      String fileName, byte[] content) {
    LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("type", type);
    body.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(session);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.exchange("/api/dossiers/tasks/" + taskId + "/documents", HttpMethod.POST,
        new HttpEntity<>(body, headers), Map.class);
  }

  /** Uploads one file for every document the task requires and does not have yet, as that task's worker. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void uploadRequired(TestRestTemplate http, String user, String taskId) {
    ResponseEntity<Map> dossier = http.withBasicAuth(user, "demo").getForEntity("/api/dossiers/tasks/" + taskId, Map.class);
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    for (Map<String, Object> type : (List<Map<String, Object>>) ((Map<String, Object>) dossier.getBody().get("upload"))
        .get("types")) {
      if (Boolean.TRUE.equals(type.get("required")) && !Boolean.TRUE.equals(type.get("present"))) {
        ResponseEntity<Map> uploaded = upload(http, user, taskId, (String) type.get("type"), type.get("type") + ".pdf",
            pdf(type.get("label") + " " + taskId));
        assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.CREATED);
      }
    }
  }
}
