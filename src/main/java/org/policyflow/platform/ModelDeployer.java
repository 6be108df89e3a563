package org.policyflow.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the top-level {@code processes/} (BPMN, DMN) and {@code forms/} folders as one deployment,
 * so that {@code camunda:formRefBinding="deployment"} finds the forms of a model.
 *
 * <p>Resource names are derived from the path below those folders ({@code processes/partner-call.bpmn}),
 * never from the file system location, so {@code java -jar} and {@code mvn spring-boot:run} produce
 * the same names and an unchanged model does not become a new version on restart. The whole set is
 * redeployed when any file changed: deploying only the changed files would leave a new model
 * without its forms.
 */
@Component
@Order(10)
public class ModelDeployer extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "policyflow";
  public static final String DEPLOYMENT_SOURCE = "policyflow-startup";
  static final List<String> PATTERNS = List.of(
      "processes/**/*.bpmn", "processes/**/*.dmn", "forms/**/*.form");

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    Map<String, byte[]> resources = collectResources();
    if (resources.isEmpty()) {
      LOG.warn("No models found under processes/ or forms/ on the classpath; nothing deployed");
      return;
    }
    DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_SOURCE)
        .enableDuplicateFiltering(false);
    resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
    Deployment deployment = builder.deployWithResult();
    LOG.info("Models deployed as '{}' ({} resources, deployment {})", DEPLOYMENT_NAME, resources.size(),
        deployment.getId());
  }

  /** Stable resource name to content, sorted so the deployment is identical from run to run. */
  Map<String, byte[]> collectResources() {
    Map<String, byte[]> resources = new TreeMap<>();
    for (String pattern : PATTERNS) {
      String folder = pattern.substring(0, pattern.indexOf('/') + 1);
      for (Resource resource : find("classpath*:" + pattern)) {
        resources.put(stableName(folder, resource), read(resource));
      }
    }
    return resources;
  }

  static String stableName(String folder, Resource resource) {
    String url = url(resource);
    int at = url.lastIndexOf("/" + folder);
    if (at < 0) {
      throw new IllegalStateException("Model outside " + folder + ": " + url);
    }
    return url.substring(at + 1);
  }

  private List<Resource> find(String pattern) {
    try {
      return new ArrayList<>(List.of(resolver.getResources(pattern)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + pattern, e);
    }
  }

  private static String url(Resource resource) {
    try {
      return resource.getURL().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
