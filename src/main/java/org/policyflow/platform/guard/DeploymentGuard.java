package org.policyflow.platform.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ModelGuard} on every new deployment inside the engine's deploy command, before the BPMN, DMN
 * and form deployers: Modeler (engine REST {@code deployment/create}), Java API and start-up
 * ({@code ModelDeployer}) all pass here. A refusal throws {@link DeploymentRefusedException}; the command's
 * transaction rolls back, so neither the deployment nor any definition is stored.
 *
 * <p>Deployments already stored (re-read into the cache after a restart or on another node) are not checked
 * again: they were accepted when they were made, and refusing them now would break running instances.
 */
@Component
public class DeploymentGuard extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentGuard.class);

  private final ModelGuard guard;

  public DeploymentGuard(ExpressionAllowList allowList, SpringBeanCatalogue beans) {
    this.guard = new ModelGuard(allowList, beans);
  }

  public ModelGuard modelGuard() {
    return guard;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    deployers.add(this::check);
    configuration.setCustomPreDeployers(deployers);
  }

  private void check(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    Map<String, byte[]> resources = new LinkedHashMap<>();
    Map<String, ResourceEntity> stored = deployment.getResources();
    if (stored != null) {
      stored.values().forEach(r -> resources.put(r.getName(), r.getBytes()));
    }
    List<ModelViolation> violations = guard.check(resources, key -> Context.getCommandContext()
        .getProcessDefinitionManager().findLatestProcessDefinitionByKey(key) != null);
    if (!violations.isEmpty()) {
      // A user error, answered with 400: one line, no stack trace.
      String user = Context.getCommandContext().getAuthenticatedUserId();
      LOG.info("Deployment '{}' by {} refused: {}", deployment.getName(), user == null ? "the application" : user,
          violations);
      throw new DeploymentRefusedException(violations);
    }
  }
}
