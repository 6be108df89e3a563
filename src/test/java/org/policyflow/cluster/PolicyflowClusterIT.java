package org.policyflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyflow.cluster.EngineRest.query;
import static org.policyflow.cluster.EngineRest.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.policyflow.partner.PartnerFixtures;

/**
 * Two policyflow nodes on one PostgreSQL database, both with the job executor on (docs/cluster.md).
 * Run by {@code scripts/cluster-test.sh}, which provides a throwaway PostgreSQL server and the jar;
 * the nodes start at the same moment on an empty database and are driven over HTTP only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyflowClusterIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String SONGZHUANG = "tz-locality-songzhuang";
  static final DateTimeFormatter REST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  final EngineRest rest = new EngineRest();
  ClusterSettings settings;
  ClusterNode nodeA;
  ClusterNode nodeB;
  final Thread killNodesOnExit = new Thread(this::stopNodes, "cluster-test-node-killer");

  @BeforeAll
  void startTwoNodesAtTheSameMoment() throws Exception {
    settings = ClusterSettings.fromEnvironment();
    // Should this JVM be ended (timeout, Ctrl-C), the nodes end with it.
    Runtime.getRuntime().addShutdownHook(killNodesOnExit);
    nodeA = ClusterNode.start("node-a", settings);
    nodeB = ClusterNode.start("node-b", settings);
    nodeA.awaitReady(rest, START_TIMEOUT);
    nodeB.awaitReady(rest, START_TIMEOUT);
    deployTestModels();
  }

  @AfterAll
  void stopNodes() {
    for (ClusterNode node : new ClusterNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
  }

  // --- start-up -----------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void simultaneousStartDeploysTheModelsOnceAsVersionOne() throws Exception {
    JsonNode deployments = ok(rest.get(nodeB, "/engine-rest/deployment?name=policyflow", "demo"));
    assertThat(deployments).as("deployments named policyflow").hasSize(1);
    String deploymentId = deployments.get(0).path("id").asText();

    List<String> files = modelFiles();
    JsonNode resources = ok(rest.get(nodeA, "/engine-rest/deployment/" + deploymentId + "/resources", "demo"));
    assertThat(names(resources, "name")).containsExactlyInAnyOrderElementsOf(files);

    JsonNode definitions = ok(rest.get(nodeA,
        "/engine-rest/process-definition?deploymentId=" + deploymentId, "demo"));
    long bpmnFiles = files.stream().filter(f -> f.endsWith(".bpmn")).count();
    assertThat(definitions).as("one definition per BPMN file").hasSize((int) bpmnFiles);
    JsonNode all = ok(rest.get(nodeB, "/engine-rest/process-definition?maxResults=1000", "demo"));
    for (JsonNode definition : all) {
      if (definition.path("deploymentId").asText().equals(deploymentId)) {
        assertThat(definition.path("version").asInt()).as(definition.path("key").asText()).isEqualTo(1);
      }
    }
    // Both nodes did the start-up work; ClusterStartupLock made one wait for the other, which shows that
    // the two start-ups really overlapped.
    List<Long> waits = new ArrayList<>();
    for (ClusterNode node : List.of(nodeA, nodeB)) {
      String log = node.logText();
      assertThat(log).contains("Identity ready").doesNotContain("duplicate key");
      Matcher taken = Pattern.compile("Cluster start-up lock taken after (\\d+) ms").matcher(log);
      assertThat(taken.find()).as(node.name + " took the start-up lock").isTrue();
      waits.add(Long.parseLong(taken.group(1)));
    }
    System.out.println("[cluster] start-up lock waits (node-a, node-b) in ms: " + waits);
    assertThat(Collections.max(waits)).as("one node waited for the other's start-up").isGreaterThan(1000);
  }

  @Test
  @Order(2)
  void simultaneousStartProvisionsIdentityOnce() throws Exception {
    for (String group : List.of("tz-sti", SONGZHUANG, "applicants", "camunda-admin")) {
      assertThat(ok(rest.get(nodeA, "/engine-rest/group?id=" + group, "demo"))).as(group).hasSize(1);
    }
    assertThat(ok(rest.get(nodeA, "/engine-rest/user?memberOfGroup=" + SONGZHUANG, "demo")))
        .extracting(user -> user.path("id").asText()).containsExactlyInAnyOrder("sunpeng", "mali");
    // Filters have no unique key in the schema: duplicates would show here.
    for (String filter : List.of("我的待办", "本组待办", "即将到期", "已逾期")) {
      assertThat(ok(rest.get(nodeB, "/engine-rest/filter?name=" + query(filter), "demo"))).as(filter).hasSize(1);
    }
    assertThat(ok(rest.get(nodeA, "/engine-rest/group/count", "demo")))
        .isEqualTo(ok(rest.get(nodeB, "/engine-rest/group/count", "demo")));
  }

  // --- jobs ------------------------------------------------------------------------------------------------

  @Test
  @Order(3)
  void timersThatFallDueAreExecutedExactlyOnce() throws Exception {
    int count = 40;
    // Half fall due at one instant, half one after the other over 20 s: both nodes' job executors poll
    // while timers are due, so both compete for the same jobs (a burst alone is often drained by
    // whichever node polls first).
    Instant first = Instant.now().plusSeconds(20);
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant due = i < count / 2 ? first : first.plusMillis(1000L * (i - count / 2));
      instances.add(startTimer(i % 2 == 0 ? nodeA : nodeB, due));
    }
    assertThat(Instant.now()).as("all instances started before their timers fall due").isBefore(first);
    await("all " + count + " timers fired and their instances ended", Duration.ofSeconds(120),
        () -> finished(instances) == count ? true : null);

    Map<String, List<JsonNode>> successByJob = successLogs(instances);
    assertThat(successByJob).as("one timer job per instance").hasSize(count);
    successByJob.forEach((job, logs) -> assertThat(logs).as("success entries of job " + job).hasSize(1));
    assertThat(failureLogs(instances)).isEmpty();
    for (String instance : instances) {
      assertThat(variable(nodeB, instance, "timerFired")).isEqualTo("true");
    }
    Map<String, Long> perNode = new TreeMap<>();
    successByJob.values().forEach(logs -> perNode.merge(logs.get(0).path("hostname").asText(), 1L, Long::sum));
    // Which node wins each job is chance (one node has taken all forty): printed, not asserted. The next
    // test proves that each node's job executor runs timers.
    System.out.println("[cluster] timer jobs executed per node: " + perNode);
  }

  @Test
  @Order(4)
  void eachNodeRunsTheTimersAloneWhileTheOtherIsFrozen() throws Exception {
    runsTimersAlone(nodeA, nodeB);
    runsTimersAlone(nodeB, nodeA);
  }

  // --- tasks -----------------------------------------------------------------------------------------------

  @Test
  @Order(5)
  void aTaskCompletedOnOneNodeIsGoneOnTheOther() throws Exception {
    String instance = ok(rest.post(nodeA, "/engine-rest/process-definition/key/cluster-task/start", "demo",
        Map.of())).path("id").asText();
    JsonNode onB = ok(rest.get(nodeB, "/engine-rest/task?processInstanceId=" + instance, "demo"));
    assertThat(onB).hasSize(1);
    String taskId = onB.get(0).path("id").asText();

    assertThat(rest.post(nodeA, "/engine-rest/task/" + taskId + "/complete", "demo", Map.of()).status())
        .isEqualTo(204);

    assertThat(ok(rest.get(nodeB, "/engine-rest/task?processInstanceId=" + instance, "demo"))).isEmpty();
    assertThat(rest.get(nodeB, "/engine-rest/task/" + taskId, "demo").status()).isEqualTo(404);
    assertThat(rest.post(nodeB, "/engine-rest/task/" + taskId + "/complete", "demo", Map.of()).status())
        .as("completing it again on the other node").isNotEqualTo(204);
    assertThat(ok(rest.get(nodeB, "/engine-rest/history/process-instance/" + instance, "demo"))
        .path("state").asText()).isEqualTo("COMPLETED");
  }

  // --- case dossier ---------------------------------------------------------------------------------------

  /** Documents live in the shared database: a file received by one node is served, byte for byte, by the other. */
  @Test
  @Order(5)
  void dossierADocumentUploadedOnOneNodeIsDownloadedIdenticalOnTheOther() throws Exception {
    String consortium = ok(rest.post(nodeA, "/engine-rest/process-definition/key/bj-consortium/submit-form", "lijianguo",
        Map.of("variables", Map.of(
            "consortiumName", value("北京集群测试创新联合体"),
            "leadUnitName", value("北京芯联微电子有限公司"),
            "leadUnitCreditCode", value("91110108MA01XKQ126"),
            "technologyDemand", value("高端光刻胶及配套材料国产化，突破关键环节"))))).path("id").asText();
    JsonNode tasks = ok(rest.get(nodeB, "/engine-rest/task?processInstanceId=" + consortium, "lijianguo"));
    assertThat(tasks).hasSize(1);
    byte[] content = new byte[300 * 1024];
    new java.util.Random(15).nextBytes(content);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.UTF_8), 0, content, 0, 9);
    JsonNode uploaded = ok(rest.upload(nodeA, "/api/dossiers/tasks/" + tasks.get(0).path("id").asText() + "/documents",
        "lijianguo", Map.of("type", "demand-argumentation"), "file", "技术需求论证.pdf", content));
    String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(uploaded.path("sha256").asText()).isEqualTo(sha256);

    JsonNode onB = ok(rest.get(nodeB, "/api/dossiers/" + consortium, "lijianguo"));
    assertThat(onB.path("documents")).hasSize(1);
    java.net.http.HttpResponse<byte[]> download = rest.bytes(nodeB, onB.path("documents").get(0).path("downloadUrl").asText(),
        "lijianguo");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(download.body()))).isEqualTo(sha256);
    assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(sha256);
  }

  // --- working-day calendar (policy-rules F) ---------------------------------------------------------------

  @Test
  @Order(5)
  void calendarWDC_C1_aYearConfirmedOnOneNodeIsUsedByTheOtherAtOnce() throws Exception {
    String period = "/api/calendar/working-days?from=2027-12-27&days=5";
    assertThat(rest.get(nodeB, period, "wanglixin").status()).as("2028 is not in the calendar yet").isEqualTo(422);

    String entry = ok(rest.post(nodeA, "/engine-rest/process-definition/key/working-day-calendar/submit-form",
        "wanglixin", Map.of("variables", Map.of(
            "calendarYear", value(2028),
            "noticeNumber", value("集群测试数据"),
            "noticeDate", value("2026-11-20"),
            "holidays", value("元旦 2028-01-01 至 2028-01-03"))))).path("id").asText();
    JsonNode tasks = ok(rest.get(nodeA, "/engine-rest/task?processInstanceId=" + entry, "lijianguo"));
    assertThat(tasks).hasSize(1);
    assertThat(rest.post(nodeA, "/engine-rest/task/" + tasks.get(0).path("id").asText() + "/submit-form", "lijianguo",
        Map.of("variables", Map.of("calendarDecision", value("confirm")))).status()).isEqualTo(204);

    // 2027-12-27 + 5: 12-28 … 12-31, (New Year 2028-01-01 … 01-03), 01-04 — counted on the other node.
    JsonNode onB = ok(rest.get(nodeB, period, "wanglixin"));
    assertThat(onB.path("end").asText()).isEqualTo("2028-01-04");
  }

  // --- TZP-Q1 ----------------------------------------------------------------------------------------------

  @Test
  @Order(6)
  void partnerTZP_Q1_twoClerksOnTwoNodesAtTheSameMomentCannotExceedTheQuota() throws Exception {
    // Two rounds, the nodes swapped, each with its own call and a quota of one place for Songzhuang.
    recommendationRace(0, nodeA, nodeB);
    recommendationRace(100, nodeB, nodeA);
  }

  private void recommendationRace(int round, ClusterNode sunpengNode, ClusterNode maliNode) throws Exception {
    String callId = "TZP-CL-" + UUID.randomUUID().toString().substring(0, 8);
    String callInstance = openCall(nodeA, callId);
    String[] applications = {apply(nodeB, callId, round + 1), apply(nodeA, callId, round + 2)};
    String[] tasks = {recommendationTask(sunpengNode, "sunpeng", applications[0]),
        recommendationTask(maliNode, "mali", applications[1])};
    ClusterNode[] nodes = {sunpengNode, maliNode};
    String[] clerks = {"sunpeng", "mali"};

    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<EngineRest.Response> responses = new ArrayList<>();
    try {
      List<Future<EngineRest.Response>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        int k = i;
        results.add(pool.submit(() -> {
          barrier.await(30, TimeUnit.SECONDS);
          return rest.post(nodes[k], "/engine-rest/task/" + tasks[k] + "/submit-form", clerks[k],
              Map.of("variables", Map.of("recommendation", value("recommend"),
                  "localIndustryJudgement", value("outstanding"), "localIndustryOpinion", value("属地特色产业骨干企业"))));
        }));
      }
      for (Future<EngineRest.Response> result : results) {
        responses.add(result.get(90, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(responses).extracting(EngineRest.Response::status).containsExactlyInAnyOrder(204, 400);
    EngineRest.Response refused = responses.stream().filter(r -> r.status() == 400).findFirst().orElseThrow();
    assertThat(refused.message()).contains("[TZP-Q1]");
    int loser = responses.get(0).status() == 400 ? 0 : 1;
    System.out.println("[cluster] TZP-Q1 round " + round + ": " + clerks[1 - loser] + " on " + nodes[1 - loser].name
        + " won; " + clerks[loser] + " on " + nodes[loser].name + " got: " + refused.message());

    assertThat(variable(nodeB, callInstance, "quotaUsed_" + SONGZHUANG)).isEqualTo("1");
    for (ClusterNode node : List.of(nodeA, nodeB)) {
      assertThat(rest.get(node, "/engine-rest/task/" + tasks[loser], "demo").status())
          .as("the refused clerk's task is still open, seen from " + node.name).isEqualTo(200);
      assertThat(rest.get(node, "/engine-rest/task/" + tasks[1 - loser], "demo").status()).isEqualTo(404);
    }
  }

  // --- a node dies ---------------------------------------------------------------------------------------

  @Test
  @Order(7)
  void aKilledNodeLosesNothingAndTheOtherNodeRunsItsJobsOnceTheirLockExpires() throws Exception {
    int count = 6;
    List<String> instances = new ArrayList<>();
    Map<String, Instant> held;
    // node-b is frozen while the timers fall due, so every job that is locked belongs to node-a.
    nodeB.signal("STOP");
    try (Connection blocker = database(); Connection monitor = database()) {
      Instant due = Instant.now().plusSeconds(8);
      for (int i = 0; i < count; i++) {
        instances.add(startTimer(nodeA, due));
      }
      // Row locks on the instances' executions: node-a's job transactions block when they end the
      // instances, so node-a is killed in the middle of its work with the jobs locked.
      blocker.setAutoCommit(false);
      try (PreparedStatement lock = blocker.prepareStatement(
          "SELECT id_ FROM act_ru_execution WHERE proc_inst_id_ = ANY (?) FOR UPDATE")) {
        lock.setArray(1, blocker.createArrayOf("varchar", instances.toArray()));
        lock.executeQuery().close();
      }
      assertThat(Instant.now()).as("executions locked before the timers fall due").isBefore(due);
      held = await("node-a locks the due timer jobs and blocks on the executions", Duration.ofSeconds(90), () -> {
        Map<String, Instant> locked = lockedJobs(monitor, instances);
        return locked.size() == count && waitingBackends(monitor, "node-a") > 0 ? locked : null;
      });
      nodeA.kill();
      blocker.rollback();
      // PostgreSQL notices the dead client (client_connection_check_interval) and rolls its work back.
      await("node-a's database sessions are gone", Duration.ofSeconds(60),
          () -> sessions(monitor, "node-a") == 0 ? true : null);
      assertThat(lockedJobs(monitor, instances)).as("jobs still locked by the dead node").isEqualTo(held);
    } finally {
      nodeB.signal("CONT");
    }

    await("node-b finishes the dead node's jobs", Duration.ofMillis(settings.lockTimeMillis()).plusSeconds(120),
        () -> finished(instances) == count ? true : null);
    Map<String, List<JsonNode>> successByJob = successLogs(instances);
    assertThat(successByJob.keySet()).containsExactlyInAnyOrderElementsOf(held.keySet());
    successByJob.forEach((job, logs) -> {
      assertThat(logs).as("success entries of job " + job).hasSize(1);
      JsonNode log = logs.get(0);
      assertThat(log.path("hostname").asText()).isEqualTo("node-b");
      Instant ran = OffsetDateTime.parse(log.path("timestamp").asText(), REST_TIME).toInstant();
      assertThat(ran).as("job " + job + " ran after its lock expired")
          .isAfterOrEqualTo(held.get(job).minusSeconds(1));
    });
    assertThat(failureLogs(instances)).as("the killed attempt left no trace").isEmpty();
    for (String instance : instances) {
      assertThat(variable(nodeB, instance, "timerFired")).isEqualTo("true");
    }
  }

  // --- rolling restart ----------------------------------------------------------------------------------

  /**
   * A rolling restart, one node at a time while the service keeps working: node-a, killed by the test
   * before, is started again; then node-b is stopped as an operator stops it (SIGTERM) while timers fall
   * due one after the other and clerks complete tasks through node-a, and started again. Nothing is lost:
   * every instance ends, each timer job ran exactly once and none stayed locked past its lock time, no job
   * failed, no incident; the restarted node-b runs timers again on its own.
   */
  @Test
  @Order(8)
  void rollingRestartOfOneNodeWhileWorkGoesOnLosesNothing() throws Exception {
    if (nodeA.isAlive()) {
      nodeA.close();
    }
    nodeA = ClusterNode.start("node-a", settings);
    nodeA.awaitReady(rest, START_TIMEOUT);

    int timerCount = 20;
    int taskCount = 12;
    // Due every two seconds from now on for forty seconds: timers keep falling due while node-b goes down
    // and while it is down.
    Instant first = Instant.now().plusSeconds(5);
    List<String> timers = new ArrayList<>();
    for (int i = 0; i < timerCount; i++) {
      timers.add(startTimer(i % 2 == 0 ? nodeA : nodeB, first.plusSeconds(2L * i)));
    }
    List<String> taskInstances = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < taskCount; i++) {
      ClusterNode node = i % 2 == 0 ? nodeA : nodeB;
      String instance = ok(rest.post(node, "/engine-rest/process-definition/key/cluster-task/start", "demo",
          Map.of())).path("id").asText();
      taskInstances.add(instance);
      tasks.add(ok(rest.get(node, "/engine-rest/task?processInstanceId=" + instance, "demo")).get(0).path("id").asText());
    }

    // Lock expiry last seen per timer job: a job must have run by then, or soon after on the other node.
    Map<String, Instant> lastLockSeen = new HashMap<>();
    try (Connection monitor = database()) {
      await("the first timers ran", Duration.ofSeconds(90), () -> {
        lastLockSeen.putAll(lockedJobs(monitor, timers));
        return finished(nodeA, timers) >= 2 ? true : null;
      });
      nodeB.stop();
      int third = taskCount / 3;
      completeTasks(nodeA, tasks.subList(0, third));
      // 143: the JVM ended on SIGTERM after its shutdown hooks (Spring, engine) ran, not killed.
      assertThat(nodeB.awaitExit(Duration.ofSeconds(90))).as("node-b's exit value").isIn(0, 143);
      lastLockSeen.putAll(lockedJobs(monitor, timers));
      System.out.println("[cluster] rolling restart: node-b stopped with " + (timerCount - finished(nodeA, timers))
          + " timers not yet run, " + lockedJobs(monitor, timers).size() + " of them locked");
      await("node-b's database sessions are closed", Duration.ofSeconds(30),
          () -> sessions(monitor, "node-b") == 0 ? true : null);
      completeTasks(nodeA, tasks.subList(third, 2 * third));

      nodeB = ClusterNode.start("node-b", settings);
      ClusterNode restarted = nodeB;
      await("node-b is up again", START_TIMEOUT, () -> {
        lastLockSeen.putAll(lockedJobs(monitor, timers));
        return restarted.isReady(rest) ? true : null;
      });
      completeTasks(nodeB, tasks.subList(2 * third, taskCount));
      await("every timer fired", Duration.ofMillis(settings.lockTimeMillis()).plusSeconds(120), () -> {
        lastLockSeen.putAll(lockedJobs(monitor, timers));
        return finished(nodeA, timers) == timerCount ? true : null;
      });
      assertThat(lockedJobs(monitor, timers)).as("no job of the timers left").isEmpty();
    }

    assertThat(finished(nodeB, taskInstances)).as("task instances ended").isEqualTo(taskCount);
    for (String task : tasks) {
      assertThat(rest.get(nodeB, "/engine-rest/task/" + task, "demo").status()).as("task " + task).isEqualTo(404);
    }
    Map<String, List<JsonNode>> successByJob = successLogs(timers);
    assertThat(successByJob).as("one timer job per instance").hasSize(timerCount);
    Map<String, Long> perNode = new TreeMap<>();
    successByJob.forEach((job, logs) -> {
      assertThat(logs).as("success entries of job " + job).hasSize(1);
      perNode.merge(logs.get(0).path("hostname").asText(), 1L, Long::sum);
      Instant expiry = lastLockSeen.get(job);
      if (expiry != null) {
        // Taken over within the nodes' longest idle poll (max-wait 10 s) plus a margin for a loaded machine.
        Instant ran = OffsetDateTime.parse(logs.get(0).path("timestamp").asText(), REST_TIME).toInstant();
        assertThat(ran).as("job " + job + " did not stay locked past its lock time").isBefore(expiry.plusSeconds(30));
      }
    });
    System.out.println("[cluster] rolling restart: timer jobs executed per node: " + perNode);
    assertThat(failureLogs(timers)).as("failed job executions").isEmpty();
    for (String timer : timers) {
      assertThat(variable(nodeA, timer, "timerFired")).isEqualTo("true");
    }
    assertThat(ok(rest.get(nodeA, "/engine-rest/incident/count", "demo")).path("count").asLong())
        .as("open incidents").isZero();

    runsTimersAlone(nodeB, nodeA);
  }

  private void completeTasks(ClusterNode node, List<String> tasks) throws Exception {
    for (String task : tasks) {
      EngineRest.Response completed = rest.post(node, "/engine-rest/task/" + task + "/complete", "demo", Map.of());
      assertThat(completed.status()).as("task " + task + " completed on " + node.name + ": " + completed.body())
          .isEqualTo(204);
    }
  }

  /** Freezes the other node, so that only {@code live} can lock and run the timers started meanwhile. */
  private void runsTimersAlone(ClusterNode live, ClusterNode frozen) throws Exception {
    int count = 3;
    List<String> instances = new ArrayList<>();
    // Frozen before the timers exist, so the frozen node cannot hold a lock on any of them.
    frozen.signal("STOP");
    try {
      Instant due = Instant.now().plusSeconds(2);
      for (int i = 0; i < count; i++) {
        instances.add(startTimer(live, due));
      }
      await(live.name + " alone runs " + count + " timers", Duration.ofSeconds(60),
          () -> finished(live, instances) == count ? true : null);
    } finally {
      frozen.signal("CONT");
    }
    Map<String, List<JsonNode>> successByJob = successLogs(instances);
    assertThat(successByJob).as("one timer job per instance").hasSize(count);
    successByJob.forEach((job, logs) -> assertThat(logs).as("success entries of job " + job)
        .singleElement().extracting(log -> log.path("hostname").asText()).isEqualTo(live.name));
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  private void deployTestModels() throws Exception {
    Map<String, byte[]> models = new LinkedHashMap<>();
    for (String name : List.of("cluster-timer.bpmn", "cluster-task.bpmn", "cluster-task.form")) {
      try (InputStream in = getClass().getResourceAsStream("/cluster/" + name)) {
        models.put(name, in.readAllBytes());
      }
    }
    ok(rest.deploy(nodeA, "demo", "cluster-test", models));
  }

  private String startTimer(ClusterNode node, Instant due) throws Exception {
    Map<String, Object> dueVariable = Map.of("value", REST_TIME.format(due.atZone(ZONE)), "type", "Date");
    return ok(rest.post(node, "/engine-rest/process-definition/key/cluster-timer/start", "demo",
        Map.of("variables", Map.of("due", dueVariable)))).path("id").asText();
  }

  /**
   * A call whose application deadline is tomorrow. The recommendation deadline lies 10 working days
   * later and the shipped calendar ends with 2026: from mid-December 2026 this needs a 2027 calendar.
   */
  private String openCall(ClusterNode node, String callId) throws Exception {
    LocalDate deadline = LocalDate.now(ZONE).plusDays(1);
    Map<String, Object> variables = Map.of(
        "callYear", value(deadline.getYear()),
        "callTitle", value("集群测试征集 " + callId),
        "applicationDeadline", value(deadline.toString()),
        "places", value(5),
        "defaultLocalityQuota", value(1));
    return ok(rest.post(node, "/engine-rest/process-definition/key/partner-call/submit-form", "wanglixin",
        Map.of("businessKey", callId, "variables", variables))).path("id").asText();
  }

  private String apply(ClusterNode node, String callId, int n) throws Exception {
    Map<String, Object> variables = new HashMap<>();
    PartnerFixtures.eligibleApplication(callId, 7000 + n, SONGZHUANG).forEach((k, v) -> variables.put(k, value(v)));
    String application = ok(rest.post(node, "/engine-rest/process-definition/key/partner-application/submit-form",
        "huanglei", Map.of("variables", variables))).path("id").asText();
    // The applicant's task 提交申报材料 needs the required documents (DOC-1) before it can be submitted.
    String materials = ok(rest.get(node, "/engine-rest/task?processInstanceId=" + application, "huanglei"))
        .get(0).path("id").asText();
    for (String type : List.of("application-form", "supporting-evidence")) {
      EngineRest.Response uploaded = rest.upload(node, "/api/dossiers/tasks/" + materials + "/documents", "huanglei",
          Map.of("type", type), "file", type + ".pdf",
          ("%PDF-1.4\n% " + type + " " + application + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
    }
    EngineRest.Response submitted = rest.post(node, "/engine-rest/task/" + materials + "/submit-form", "huanglei",
        Map.of("variables", Map.of("materialsConfirmed", value(true))));
    assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(204);
    return application;
  }

  private String recommendationTask(ClusterNode node, String clerk, String application) throws Exception {
    JsonNode tasks = ok(rest.get(node, "/engine-rest/task?processInstanceId=" + application, clerk));
    assertThat(tasks).as("recommendation task of " + application + " for " + clerk).hasSize(1);
    assertThat(tasks.get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_RecommendApplication");
    return tasks.get(0).path("id").asText();
  }

  private String variable(ClusterNode node, String instance, String name) throws Exception {
    EngineRest.Response response = rest.get(node,
        "/engine-rest/history/variable-instance?processInstanceId=" + instance + "&variableName=" + query(name), "demo");
    JsonNode found = ok(response);
    assertThat(found).as(name + " of " + instance).hasSize(1);
    return found.get(0).path("value").asText();
  }

  private long finished(List<String> instances) throws Exception {
    return finished(nodeB, instances);
  }

  private long finished(ClusterNode via, List<String> instances) throws Exception {
    return ok(rest.post(via, "/engine-rest/history/process-instance/count", "demo",
        Map.of("processInstanceIds", instances, "finished", true))).path("count").asLong();
  }

  private Map<String, List<JsonNode>> successLogs(List<String> instances) throws Exception {
    Set<String> ours = new TreeSet<>(instances);
    Map<String, List<JsonNode>> byJob = new TreeMap<>();
    for (JsonNode log : ok(rest.get(nodeB,
        "/engine-rest/history/job-log?processDefinitionKey=cluster-timer&successLog=true&maxResults=10000", "demo"))) {
      if (ours.contains(log.path("processInstanceId").asText())) {
        byJob.computeIfAbsent(log.path("jobId").asText(), job -> new ArrayList<>()).add(log);
      }
    }
    return byJob;
  }

  private List<JsonNode> failureLogs(List<String> instances) throws Exception {
    Set<String> ours = new TreeSet<>(instances);
    List<JsonNode> failures = new ArrayList<>();
    for (JsonNode log : ok(rest.get(nodeB,
        "/engine-rest/history/job-log?processDefinitionKey=cluster-timer&failureLog=true&maxResults=10000", "demo"))) {
      if (ours.contains(log.path("processInstanceId").asText())) {
        failures.add(log);
      }
    }
    return failures;
  }

  private Connection database() throws SQLException {
    return DriverManager.getConnection(settings.dbUrl() + "?ApplicationName=cluster-test", settings.dbUser(),
        settings.dbPassword());
  }

  /** Job id to lock expiry of the instances' jobs that a job executor has locked. */
  private static Map<String, Instant> lockedJobs(Connection db, List<String> instances) throws SQLException {
    Map<String, Instant> locked = new TreeMap<>();
    try (PreparedStatement query = db.prepareStatement("SELECT id_, lock_exp_time_ FROM act_ru_job "
        + "WHERE process_instance_id_ = ANY (?) AND lock_owner_ IS NOT NULL")) {
      query.setArray(1, db.createArrayOf("varchar", instances.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          locked.put(rows.getString(1), rows.getTimestamp(2).toInstant());
        }
      }
    }
    return locked;
  }

  private static int waitingBackends(Connection db, String applicationName) throws SQLException {
    return count(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND wait_event_type = 'Lock'",
        applicationName);
  }

  private static int sessions(Connection db, String applicationName) throws SQLException {
    return count(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName);
  }

  private static int count(Connection db, String sql, String parameter) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static List<String> modelFiles() throws IOException {
    List<String> files = new ArrayList<>();
    for (String folder : List.of("processes", "forms")) {
      try (Stream<Path> paths = Files.list(Path.of(folder))) {
        paths.map(p -> folder + "/" + p.getFileName())
            .filter(f -> f.endsWith(".bpmn") || f.endsWith(".dmn") || f.endsWith(".form"))
            .forEach(files::add);
      }
    }
    return files;
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> names = new ArrayList<>();
    array.forEach(item -> names.add(item.path(field).asText()));
    return names;
  }

  private static JsonNode ok(EngineRest.Response response) {
    assertThat(response.status()).as("HTTP status, body: " + response.body()).isBetween(200, 299);
    return response.body();
  }

  /** Polls once a second until the probe returns a value; every wait of the cluster test is bounded. */
  private static <T> T await(String what, Duration timeout, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T result = probe.call();
      if (result != null) {
        return result;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(1000);
    }
  }
}
