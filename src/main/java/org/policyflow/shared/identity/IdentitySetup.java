package org.policyflow.shared.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.policyflow.shared.identity.IdentityProperties.Access;
import org.policyflow.shared.identity.IdentityProperties.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates, at every start-up and idempotently, the groups of every role and locality, their
 * authorizations, the Tasklist filters, the first administrator and (demo setup only) the demo users.
 */
@Component
@Order(20)
public class IdentitySetup extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityProperties identity;
  private final AdminProperties admin;
  private final DemoProperties demo;

  public IdentitySetup(IdentityProperties identity, AdminProperties admin, DemoProperties demo) {
    // Checked before the engine is built: a production start with a default password never gets that far.
    admin.requireSafeFor(demo.enabled());
    this.identity = identity;
    this.admin = admin;
    this.demo = demo;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new ProfilesByAdministrators());
  }

  /**
   * The whole pass is one engine command, so one transaction: the service calls inside it join that command
   * instead of each committing its own (several hundred on an empty database), and a restart, where everything
   * is in place, only reads.
   */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<Authorization> globals = configuration.getCommandExecutorTxRequired().execute(context -> {
      AccessProvisioning access = new AccessProvisioning(engine);
      provisionRoles(access);
      provisionAdministrator(access);
      access.revokeExcessRights(Groups.CAMUNDA_ADMIN);
      provisionFilters(access);
      if (demo.enabled()) {
        provisionDemoUsers(access);
      }
      return access.globalAuthorizations();
    });
    for (Authorization global : globals) {
      LOG.warn("Global authorization {} on resource type {} id {}: with revoke-aware permission checks it denies "
          + "every permission it does not grant to everyone without a grant of their own (README, Who may do what); "
          + "grant to groups instead", global.getId(), global.getResourceType(), global.getResourceId());
    }
    LOG.info("Identity ready: {} roles, {} localities, demo users {}", identity.roles().size(),
        identity.localities().size(), demo.enabled() ? demo.users().size() : "off");
  }

  private void provisionRoles(AccessProvisioning access) {
    access.removeGlobalReadModels();
    for (IdentityProperties.Role role : identity.roles()) {
      access.ensureGroup(role.id(), role.name(), Groups.GROUP_TYPE_WORKFLOW);
      apply(access, role.id(), role.access());
    }
    for (IdentityProperties.Locality locality : identity.localities()) {
      access.ensureGroup(locality.id(), locality.name(), Groups.GROUP_TYPE_WORKFLOW);
      apply(access, locality.id(), identity.localityRole());
    }
  }

  private static void apply(AccessProvisioning access, String groupId, Access rights) {
    access.grantReadModels(groupId);
    rights.applications().forEach(application -> access.grantApplication(groupId, application));
    rights.starts().forEach(processKey -> access.grantStart(groupId, processKey));
    for (Grant grant : rights.grants()) {
      switch (grant) {
        case AUDIT_READ -> access.grantAuditRead(groupId);
        case DEPLOY -> access.grantDeploy(groupId);
      }
    }
  }

  private void provisionAdministrator(AccessProvisioning access) {
    access.ensureGroup(Groups.CAMUNDA_ADMIN, "系统管理员", Groups.GROUP_TYPE_SYSTEM);
    access.grantAdministration(Groups.CAMUNDA_ADMIN);
    access.ensureUser(admin.id(), admin.firstName(), admin.lastName(), admin.email(), admin.password());
    access.ensureMembership(admin.id(), Groups.CAMUNDA_ADMIN);
  }

  /** Saved Tasklist filters in Chinese, readable by every staff group. */
  private void provisionFilters(AccessProvisioning access) {
    List<String> staff = new ArrayList<>();
    identity.roles().forEach(role -> staff.add(role.id()));
    identity.localities().forEach(locality -> staff.add(locality.id()));
    staff.add(Groups.CAMUNDA_ADMIN);

    access.ensureFilter("我的待办", "分配给我本人的任务", -10,
        access.newTaskQuery().taskAssigneeExpression("${currentUser()}"), staff);
    access.ensureFilter("本组待办", "本人所在组可认领的任务", -5,
        access.newTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned(), staff);
    access.ensureFilter("即将到期", "三天内到期的任务", 0,
        access.newTaskQuery().dueAfterExpression("${now()}")
            .dueBeforeExpression("${dateTime().plusDays(3).toDate()}"), staff);
    access.ensureFilter("已逾期", "已过期限的任务", 5,
        access.newTaskQuery().dueBeforeExpression("${now()}"), staff);
  }

  private void provisionDemoUsers(AccessProvisioning access) {
    for (DemoProperties.DemoUser user : demo.users()) {
      access.ensureUser(user.id(), user.firstName(), user.lastName(),
          user.email() != null ? user.email() : user.id() + "@policyflow.example", demo.password());
      user.groups().forEach(groupId -> access.ensureMembership(user.id(), groupId));
      access.ensureUserInfo(user.id(), user.info());
    }
  }
}
