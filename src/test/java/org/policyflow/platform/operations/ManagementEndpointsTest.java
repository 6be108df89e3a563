package org.policyflow.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The management port: probes open to anyone who reaches it, everything else only for administrators,
 * bound to the loopback interface, and nothing of it on the public port.
 */
@PolicyflowIntegrationTest
class ManagementEndpointsTest {

  @LocalManagementPort int managementPort;
  @LocalServerPort int serverPort;
  @Autowired EngineMetrics engineMetrics;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void probesAnswerWithoutCredentialsAndWithoutDetails() throws Exception {
    for (String probe : new String[] {"liveness", "readiness"}) {
      HttpResponse<String> response = get(managementPort, "/actuator/health/" + probe, null);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  @Test
  void metricsAndHealthDetailsRefuseAnonymousCallersAndStaff() throws Exception {
    for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/metrics", "/actuator"}) {
      HttpResponse<String> anonymous = get(managementPort, path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
          value -> assertThat(value).startsWith("Basic"));
      HttpResponse<String> clerk = get(managementPort, path, "sunpeng:demo");
      assertThat(clerk.statusCode()).as(path).isEqualTo(403);
      assertThat(clerk.body()).contains("只有运维管理组成员");
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    // An administrator of its own: a wrong password throttles that user's logins, which must not hit
    // the demo administrator other tests log in with.
    User user = identityService.newUser("management-test-admin");
    user.setPassword("the-right-password");
    identityService.saveUser(user);
    identityService.createMembership(user.getId(), Groups.CAMUNDA_ADMIN);
    try {
      assertThat(get(managementPort, "/actuator/prometheus", "management-test-admin:wrong").statusCode())
          .isEqualTo(401);
    } finally {
      identityService.deleteUser(user.getId());
    }
  }

  @Test
  void administratorsReadHealthOfDatabaseEngineAndJobExecutor() throws Exception {
    HttpResponse<String> health = get(managementPort, "/actuator/health", "demo:demo");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"", "\"processEngine\":{\"status\":\"UP\"",
        "\"modelDeployments\"", "\"jobExecutor\":{\"status\":\"UP\"", "\"enabled\":false");
  }

  @Test
  void administratorsScrapePrometheusFiguresOfEngineAndHttp() throws Exception {
    Task task = taskService.newTask();
    task.setName("指标测试");
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "tz-locality-songzhuang");
    try {
      // A REST request, so that the HTTP latency series exists.
      assertThat(get(serverPort, "/engine-rest/task?maxResults=1", "demo:demo").statusCode()).isEqualTo(200);
      engineMetrics.refresh();
      long refreshedAt = engineMetrics.snapshot().refreshedAtMillis();

      HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus", "demo:demo");
      assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
      assertThat(scrape.body()).contains(
          "policyflow_engine_jobs_due{",
          "policyflow_engine_jobs_failed{",
          "policyflow_engine_incidents_open{application=\"policyflow\",type=\"failedJob\"}",
          "policyflow_engine_job_executor_job_acquisition_attempt_total{",
          "policyflow_engine_job_executor_job_failed_total{",
          "policyflow_engine_metrics_age_seconds{",
          "http_server_requests_seconds_bucket{",
          "uri=\"/engine-rest/task/**\"");
      assertThat(scrape.body()).containsPattern(
          "policyflow_engine_tasks_open\\{application=\"policyflow\",group=\"tz-locality-songzhuang\"} [1-9]");

      // Scrapes read the snapshot: a second one queries nothing and sees the same refresh.
      assertThat(get(managementPort, "/actuator/prometheus", "demo:demo").statusCode()).isEqualTo(200);
      assertThat(engineMetrics.snapshot().refreshedAtMillis()).isEqualTo(refreshedAt);
    } finally {
      taskService.deleteTask(task.getId(), true);
    }
  }

  @Test
  void onlyAdministratorsTriggerABackupAndAnInMemoryDatabaseIsRefusedWithTheReason() throws Exception {
    assertThat(post(managementPort, "/actuator/backup", null).statusCode()).isEqualTo(401);
    assertThat(post(managementPort, "/actuator/backup", "sunpeng:demo").statusCode()).isEqualTo(403);
    HttpResponse<String> admin = post(managementPort, "/actuator/backup", "demo:demo");
    // The test database lives in memory; the H2 file database is backed up by scripts/backup-restore-test.sh.
    assertThat(admin.statusCode()).isEqualTo(409);
    assertThat(admin.body()).contains("pg_dump", "H2 file database only");
  }

  @Test
  void thePublicPortServesNoManagementEndpoint() throws Exception {
    for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness"}) {
      assertThat(get(serverPort, path, "demo:demo").statusCode()).as(path).isIn(401, 404);
    }
    assertThat(post(serverPort, "/actuator/backup", "demo:demo").statusCode()).isIn(401, 403, 404);
  }

  @Test
  void theManagementPortIsClosedOnEveryInterfaceButLoopback() throws Exception {
    Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(this::up).filter(nic -> !loopback(nic))
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()).findFirst();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
    // The public port answers on that address, the management port refuses the connection.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(external.get(), serverPort), 2000);
    }
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(external.get(), managementPort), 2000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  private boolean up(NetworkInterface nic) {
    try {
      return nic.isUp();
    } catch (IOException e) {
      return false;
    }
  }

  private boolean loopback(NetworkInterface nic) {
    try {
      return nic.isLoopback();
    } catch (IOException e) {
      return true;
    }
  }

  private HttpResponse<String> post(int port, String path, String credentials) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody()), credentials);
  }

  private HttpResponse<String> get(int port, String path, String credentials) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), credentials);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String credentials) throws Exception {
    if (credentials != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
