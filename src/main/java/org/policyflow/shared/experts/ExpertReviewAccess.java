package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.policyflow.shared.identity.AccessProvisioning;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Experts and the reviewing offices work on tasks of expert-review without starting it themselves
 * (a programme calls it): they may read its definition, so that Tasklist shows which process a review task
 * belongs to. Nothing else: instance data stays visible only through their own tasks.
 */
@Component
@Order(30)
public class ExpertReviewAccess extends AbstractProcessEnginePlugin {

  public static final String PROCESS_KEY = "expert-review";
  private final ExpertProperties properties;

  public ExpertReviewAccess(ExpertProperties properties) {
    this.properties = properties;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    AccessProvisioning access = new AccessProvisioning(engine);
    List<String> groups = new ArrayList<>(properties.officeGroups());
    groups.add(properties.poolGroup());
    for (String group : groups) {
      access.ensureGroup(group, group, org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
      access.grant(group, Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ);
    }
  }
}
