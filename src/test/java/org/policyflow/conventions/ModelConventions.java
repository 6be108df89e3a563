package org.policyflow.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.policyflow.platform.guard.ModelGuard;
import org.policyflow.platform.guard.ModelViolation;

/**
 * Runs the deployment guard's own check ({@link ModelGuard}) over folders, as {@code ModelDeployer} deploys
 * them: the files of {@code processes/} and {@code forms/} are one deployment.
 */
public final class ModelConventions {

  private ModelConventions() {}

  /** Every violation found; empty when the folders would deploy. */
  public static List<ModelViolation> check(Path processesDir, Path formsDir, ModelGuard guard) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    read(processesDir, "processes/", resources);
    read(formsDir, "forms/", resources);
    return guard.check(resources, key -> false);
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
