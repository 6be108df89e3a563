package org.policyflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** The engine REST API of a node, called as a demo user with HTTP Basic (every demo password is "demo"). */
final class EngineRest {

  record Response(int status, JsonNode body) {

    String message() {
      return body.path("message").asText("");
    }
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  Response get(ClusterNode node, String path, String user) throws IOException, InterruptedException {
    return send(request(node, path, user).GET().build());
  }

  Response post(ClusterNode node, String path, String user, Object body) throws IOException, InterruptedException {
    return send(request(node, path, user)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
        .build());
  }

  /** A Modeler-style multipart deployment. */
  Response deploy(ClusterNode node, String user, String deploymentName, Map<String, byte[]> resources)
      throws IOException, InterruptedException {
    String boundary = "cluster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "deployment-name", null, deploymentName.getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "enable-duplicate-filtering", null, "true".getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
      part(body, boundary, resource.getKey(), resource.getKey(), resource.getValue());
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(node, "/engine-rest/deployment/create", user)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build());
  }

  /** A multipart upload as a browser form sends it: text fields, then one file. */
  Response upload(ClusterNode node, String path, String user, Map<String, String> fields, String fileField,
      String fileName, byte[] content) throws IOException, InterruptedException {
    String boundary = "cluster-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      part(body, boundary, field.getKey(), null, field.getValue().getBytes(StandardCharsets.UTF_8));
    }
    part(body, boundary, fileField, fileName, content);
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(node, path, user)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build());
  }

  /** The raw answer, for downloads. */
  HttpResponse<byte[]> bytes(ClusterNode node, String path, String user) throws IOException, InterruptedException {
    return client.send(request(node, path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A process variable in the REST API's form: {"value": …}. */
  static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }

  private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content)
      throws IOException {
    StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (fileName != null) {
      head.append("; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream");
    }
    head.append("\r\n\r\n");
    body.write(head.toString().getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(ClusterNode node, String path, String user) {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Basic " + credentials)
        .header("Accept", "application/json");
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String text = response.body();
    JsonNode body = text == null || text.isBlank() ? MissingNode.getInstance() : parse(text);
    return new Response(response.statusCode(), body);
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (IOException notJson) {
      return json.getNodeFactory().textNode(text);
    }
  }
}
