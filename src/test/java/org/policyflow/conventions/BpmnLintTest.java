package org.policyflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every model in {@code processes/} is clean under bpmnlint with {@code bpmnlint:recommended} and the Camunda 7.24
 * compatibility rules ({@code .bpmnlintrc}) — the linter Camunda Modeler runs, so a process owner sees the same
 * findings as this test. The linter is the npm package itself, driven by {@code scripts/bpmnlint/lint-models.mjs};
 * on a machine without its {@code node_modules} the test installs the pinned versions first ({@code npm ci}).
 */
class BpmnLintTest {

  static final Path LINTER = Path.of("scripts/bpmnlint");

  @BeforeAll
  static void installLinter() throws Exception {
    Assumptions.assumeTrue(onPath("node"),
        "bpmnlint needs Node.js (node on PATH; CI has it): models were NOT linted on this machine");
    if (!Files.isDirectory(LINTER.resolve("node_modules/bpmnlint"))
        || !Files.isDirectory(LINTER.resolve("node_modules/bpmnlint-plugin-camunda-compat"))) {
      Result install = run(LINTER, 300, "npm", "ci", "--no-audit", "--no-fund");
      assertThat(install.exit).as("npm ci in scripts/bpmnlint:%n%s", install.output).isZero();
    }
  }

  @Test
  void everyProcessModelIsCleanUnderBpmnlint() throws Exception {
    Result lint = lint(Path.of("processes"));
    assertThat(lint.exit).as("bpmnlint findings:%n%s", lint.output).isZero();
    assertThat(lint.output).contains("bpmnlint: clean");
  }

  @Test
  void theLinterReportsAFakeJoinInTheBrokenFixture() throws Exception {
    Result lint = lint(ModelConventionsBrokenFixtureTest.FIXTURE.resolve("processes"));
    assertThat(lint.exit).isEqualTo(1);
    assertThat(lint.output).contains("broken-model.bpmn: EndEvent_Done: fake-join");
  }

  private static Result lint(Path models) throws Exception {
    return run(LINTER, 120, "node", "lint-models.mjs", models.toAbsolutePath().toString());
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .directory(dir.toFile()).redirectErrorStream(true).start();
    // Read before waiting: a full pipe would block the child.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
    }
    return new Result(process.exitValue(), output);
  }
}
