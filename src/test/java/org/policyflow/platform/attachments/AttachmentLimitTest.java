package org.policyflow.platform.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.testsupport.WebappSession;
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

/** Documents on tasks: accepted within the limits, refused with a message naming file and limit on both APIs. */
@PolicyflowIntegrationTest
class AttachmentLimitTest {

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;

  private String processInstanceId;
  private Task task;

  @BeforeEach
  void startTargetCheck() {
    processInstanceId = engine.getRuntimeService().startProcessInstanceByKey("target-record", Map.of(
        "targetKey", "high-tech-enterprises", "targetValue", 1620, "asOfDate", "2026-09-30",
        "source", "区统计局2026年三季度报表", "reporter", "wanglixin")).getId();
    task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  @AfterEach
  void removeInstance() {
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(processInstanceId, "test finished");
    }
  }

  @Test
  void aPdfIsStoredListedAndDownloadableAfterItsTaskIsCompleted() {
    byte[] pdf = "%PDF-1.4 统计报表".getBytes(StandardCharsets.UTF_8);
    ResponseEntity<String> created = upload("/engine-rest", task.getId(), "统计报表.pdf", pdf, new HttpHeaders());
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(created.getBody()).contains("统计报表.pdf");

    // Attachments outlive their task: the Tasklist tab lists those of the instance's completed tasks too.
    engine.getIdentityService().setAuthentication("chenxiaoyan", List.of("tz-sti"));
    try {
      engine.getTaskService().complete(task.getId(), Map.of("verification", "confirmed"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    ResponseEntity<List> listed = http.withBasicAuth("demo", "demo")
        .getForEntity("/engine-rest/task/" + task.getId() + "/attachment", List.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody()).hasSize(1);
    String attachmentId = (String) ((Map<?, ?>) listed.getBody().get(0)).get("id");
    ResponseEntity<byte[]> data = http.withBasicAuth("demo", "demo")
        .getForEntity("/engine-rest/task/" + task.getId() + "/attachment/" + attachmentId + "/data", byte[].class);
    assertThat(data.getBody()).isEqualTo(pdf);
  }

  @Test
  void theCandidateOfficersAttachAndListButOthersDoNot() {
    // chenxiaoyan is in tz-sti, the task's candidate group: TaskParticipantAccess lets her find the task in history.
    ResponseEntity<String> created = upload(http.withBasicAuth("chenxiaoyan", "demo"), "/engine-rest", task.getId(),
        "核对说明.pdf", new byte[] {37, 80, 68, 70});
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> listed = http.withBasicAuth("chenxiaoyan", "demo")
        .getForEntity("/engine-rest/task/" + task.getId() + "/attachment", String.class);
    assertThat(listed.getBody()).contains("核对说明.pdf");

    // An applicant has nothing to do with a target check: the task does not exist for him.
    ResponseEntity<String> outsider = upload(http.withBasicAuth("huanglei", "demo"), "/engine-rest", task.getId(),
        "无关.pdf", new byte[] {37, 80, 68, 70});
    assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(outsider.getBody()).contains("No task found for task id " + task.getId());
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).hasSize(1);
  }

  @Test
  void aFileTypeOutsideTheListIsRefusedNamingFileAndTypes() {
    ResponseEntity<String> refused = upload("/engine-rest", task.getId(), "setup.exe", new byte[] {77, 90},
        new HttpHeaders());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(refused.getBody()).contains("附件“setup.exe”的文件类型不允许").contains("pdf, doc, docx")
        .contains("Attachment \\\"setup.exe\\\" has a file type that is not accepted");
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedNamingTheLimit() {
    byte[] big = new byte[20 * 1024 * 1024 + 1];
    ResponseEntity<String> refused = upload("/engine-rest", task.getId(), "扫描件.pdf", big, new HttpHeaders());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(refused.getBody()).contains("附件“扫描件.pdf”超过大小上限 20 MB").contains("exceeds the size limit of 20 MB");
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();
  }

  /**
   * #16 finding 6: the limits hold whatever form the request takes. The filter reads the path as the
   * container routes it and the body with the engine's own multipart reader, so what it checks is what
   * the engine stores.
   */
  @Test
  void limitsCannotBeBypassedByTheFormOfTheRequest() throws Exception {
    String create = "/engine-rest/task/" + task.getId() + "/attachment/create";
    byte[] exe = new byte[] {77, 90, 0, 0};
    // Unquoted parameters in the part header, which the engine's reader accepts.
    assertRefused(raw(create, "multipart/form-data; boundary=XyZ", part("XyZ", "name=content; filename=setup.exe", exe)), 415);
    // Content-Type in capitals, boundary quoted, an extra parameter.
    assertRefused(raw(create, "MULTIPART/FORM-DATA; charset=UTF-8; BOUNDARY=\"XyZ\"",
        part("XyZ", "name=\"content\"; filename=\"setup.exe\"", exe)), 415);
    // The file name in another case and the attachment named like a document.
    assertRefused(raw(create, "multipart/form-data; boundary=XyZ",
        part("XyZ", "NAME=\"content\"; FILENAME=\"setup.EXE\"", exe)), 415);
    // An encoded letter in the path (…/%63reate routes to …/create).
    assertRefused(raw("/engine-rest/task/" + task.getId() + "/attachment/%63reate", "multipart/form-data; boundary=XyZ",
        part("XyZ", "name=\"content\"; filename=\"setup.exe\"", exe)), 415);
    // A path parameter: the operation is not plain, refused before anything reads it.
    assertRefused(raw(create + ";x=1", "multipart/form-data; boundary=XyZ",
        part("XyZ", "name=\"content\"; filename=\"setup.exe\"", exe)), 400);
    // 21 MB sent chunked, without Content-Length.
    byte[] big = new byte[21 * 1024 * 1024];
    HttpRequest chunked = request(create, "multipart/form-data; boundary=XyZ").POST(HttpRequest.BodyPublishers
        .ofInputStream(() -> new java.io.ByteArrayInputStream(part("XyZ", "name=\"content\"; filename=\"scan.pdf\"", big))))
        .build();
    assertRefused(chunked, 413);
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();
  }

  private void assertRefused(HttpRequest request, int status) throws Exception {
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(request.uri() + " → " + response.body()).isEqualTo(status);
    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();
  }

  private HttpRequest raw(String path, String contentType, byte[] body) {
    return request(path, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private HttpRequest.Builder request(String path, String contentType) {
    return HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + path))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString("wanglixin:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", contentType);
  }

  private static byte[] part(String boundary, String disposition, byte[] content) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment-name\"\r\n\r\n说明.pdf\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; " + disposition
        + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void theWebappSessionApiThatTasklistUsesIsCheckedToo() {
    HttpHeaders session = WebappSession.login(http, "wanglixin");
    ResponseEntity<String> refused = upload("/camunda/api/engine/engine/default", task.getId(), "宏.xlsm",
        new byte[] {1, 2, 3}, session);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(refused.getBody()).contains("宏.xlsm");

    assertThat(engine.getTaskService().getTaskAttachments(task.getId())).isEmpty();

    // #16 finding 4: the session API is behind the same access policy as /engine-rest.
    HttpHeaders json = new HttpHeaders();
    json.putAll(session);
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> variable = http.exchange("/camunda/api/engine/engine/default/task/" + task.getId()
        + "/variables/targetValue", HttpMethod.PUT, new HttpEntity<>(Map.of("value", 1, "type", "Integer"), json),
        String.class);
    assertThat(variable.getStatusCode()).as(variable.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(variable.getBody()).contains("AccessDenied");
    assertThat(engine.getRuntimeService().getVariable(processInstanceId, "targetValue")).isEqualTo(1620);
  }

  private ResponseEntity<String> upload(TestRestTemplate client, String api, String taskId, String fileName,
      byte[] content) {
    return send(client, api, taskId, fileName, content, new HttpHeaders());
  }

  private ResponseEntity<String> upload(String api, String taskId, String fileName, byte[] content,
      HttpHeaders headers) {
    return send(headers.isEmpty() ? http.withBasicAuth("demo", "demo") : http, api, taskId, fileName, content, headers);
  }

  private ResponseEntity<String> send(TestRestTemplate client, String api, String taskId, String fileName,
      byte[] content, HttpHeaders headers) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("attachment-name", fileName);
    body.add("attachment-description", "测试");
    body.add("attachment-type", "application/octet-stream");
    body.add("content", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders requestHeaders = new HttpHeaders();
    requestHeaders.putAll(headers);
    requestHeaders.setContentType(MediaType.MULTIPART_FORM_DATA);
    return client.postForEntity(api + "/task/" + taskId + "/attachment/create", new HttpEntity<>(body, requestHeaders),
        String.class);
  }

}
