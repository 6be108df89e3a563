package org.policyflow.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.policyflow.platform.guard.GuardRule;
import org.policyflow.platform.guard.ModelGuard;
import org.policyflow.platform.guard.ModelViolation;

/**
 * Runs the deployment guard's own check ({@link ModelGuard}) over folders, as {@code ModelDeployer} deploys
 * them: the files of {@code processes/} and {@code forms/} are one deployment.
 */
public final class ModelConventions {

  private ModelConventions() {}

  /** Every violation the guard finds; empty when the folders would deploy. */
  public static List<ModelViolation> deployable(Path processesDir, Path formsDir, ModelGuard guard) {
    return guard.check(resources(processesDir, formsDir), key -> false);
  }

  /** The guard's violations and the repository's own conventions for processes/ and forms/. */
  public static List<ModelViolation> check(Path processesDir, Path formsDir, ModelGuard guard) {
    Map<String, byte[]> resources = resources(processesDir, formsDir);
    List<ModelViolation> violations = new ArrayList<>(guard.check(resources, key -> false));
    resources.forEach((name, content) -> executionPlatform(name, content, violations));
    return violations;
  }

  /**
   * A repository convention on top of the guard: without these attributes Camunda Modeler treats a file as
   * Camunda 8 or unknown (no 7.24 properties panel, no 7.24 lint). Deployments need not carry them.
   */
  private static void executionPlatform(String name, byte[] content, List<ModelViolation> violations) {
    if (!name.endsWith(".bpmn")) {
      return;
    }
    String xml = new String(content, StandardCharsets.UTF_8);
    if (!xml.contains("modeler:executionPlatform=\"Camunda Platform\"")
        || !xml.contains("modeler:executionPlatformVersion=\"7.24.0\"")) {
      violations.add(new ModelViolation(name.substring(name.lastIndexOf('/') + 1), "-", GuardRule.MC_1,
          "缺少 modeler:executionPlatform=\"Camunda Platform\" modeler:executionPlatformVersion=\"7.24.0\"",
          "lacks modeler:executionPlatform=\"Camunda Platform\" modeler:executionPlatformVersion=\"7.24.0\""));
    }
  }

  private static Map<String, byte[]> resources(Path processesDir, Path formsDir) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    read(processesDir, "processes/", resources);
    read(formsDir, "forms/", resources);
    return resources;
  }

  private static void read(Path dir, String prefix, Map<String, byte[]> resources) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        resources.put(prefix + dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
