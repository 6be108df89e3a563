package org.policyflow.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One policyflow application process ({@code java -jar}) of the cluster test: profile {@code postgres},
 * its own port on 127.0.0.1, its own name in the job log and in PostgreSQL's {@code pg_stat_activity}.
 * Its output goes to {@code <run dir>/<name>.log} (appended: a restarted node keeps the log of its earlier
 * runs) and its pid to {@code <run dir>/<name>.pid}, where {@code scripts/cluster-test.sh} finds it should
 * this JVM die before it stopped the node.
 */
final class ClusterNode implements AutoCloseable {

  final String name;
  final int port;
  final Path log;
  private final Process process;

  private ClusterNode(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  static ClusterNode start(String name, ClusterSettings settings) throws IOException {
    int port = freePort();
    Path log = settings.runDir().resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Duser.timezone=Asia/Shanghai",
        "-Dfile.encoding=UTF-8", "-jar", settings.jar().toString(),
        "--spring.profiles.active=postgres",
        "--server.address=127.0.0.1",
        "--server.port=" + port,
        // Two nodes share the host: each its own free management port.
        "--management.server.port=0",
        // Short, so that the jobs of a killed node are taken over within the test's patience.
        "--camunda.bpm.job-execution.lock-time-in-millis=" + settings.lockTimeMillis(),
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        // The test runs on the real clock: a test-only 2027 arrangement keeps deadlines computable near year end.
        "--policyflow.working-days.directory="
            + Path.of("src/test/resources/working-days-provisional").toAbsolutePath()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(settings.runDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("POLICYFLOW_DB_URL", settings.dbUrl() + "?ApplicationName=" + name);
    builder.environment().put("POLICYFLOW_DB_USER", settings.dbUser());
    builder.environment().put("POLICYFLOW_DB_PASSWORD", settings.dbPassword());
    Process process = builder.start();
    Files.writeString(settings.runDir().resolve(name + ".pid"), Long.toString(process.pid()));
    return new ClusterNode(name, port, log, process);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the engine REST API answers, failing early with the log's end when the process died. */
  void awaitReady(EngineRest rest, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isReady(rest)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(name + " not ready after " + timeout + ":\n" + logTail(80));
  }

  /** Whether the engine REST API answers; an AssertionError with the log's end when the process died. */
  boolean isReady(EngineRest rest) throws InterruptedException {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with " + process.exitValue() + " during start-up:\n" + logTail(80));
    }
    try {
      return rest.get(this, "/engine-rest/engine", "demo").status() == 200;
    } catch (IOException notListeningYet) {
      // The port opens only when start-up is complete.
      return false;
    }
  }

  /** SIGKILL: the node gets no chance to finish, roll back or say goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " still alive 30 s after SIGKILL");
    }
  }

  /** SIGTERM, as an operator stops a node (systemctl stop): Spring and the engine shut down in order. */
  void stop() {
    process.destroy();
  }

  /** Waits until the process has ended; its exit value. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running " + timeout + " after SIGTERM:\n" + logTail(40));
    }
    return process.exitValue();
  }

  /** SIGSTOP / SIGCONT: freezes the whole JVM (job executor included) and lets it go on. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** SIGTERM (Spring shuts down cleanly), SIGKILL after 20 s; a stopped (SIGSTOP) node is resumed first. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      signal("CONT");
    } catch (IOException | InterruptedException | AssertionError ignored) {
      // Not stopped, or already gone: terminating follows anyway.
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
