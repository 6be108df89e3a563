package org.policyflow.shared.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The identity set-up is one engine command, so one transaction; on a database that is already set up it
 * writes nothing, and the rights an earlier version gave are still taken back within that one pass.
 */
@PolicyflowIntegrationTest
class IdentitySetupPassTest {

  @Autowired IdentitySetup identitySetup;
  @Autowired ProcessEngine processEngine;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;

  /** Runs the set-up again and answers how many engine commands it opened (nested calls join the outer one). */
  private int commandsOfOnePass() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    AtomicInteger outer = new AtomicInteger();
    List<ServiceImpl> services = List.of((ServiceImpl) identityService, (ServiceImpl) authorizationService,
        (ServiceImpl) filterService, (ServiceImpl) taskService);
    List<CommandExecutor> originals = new ArrayList<>();
    services.forEach(service -> originals.add(service.getCommandExecutor()));
    CommandExecutor txRequired = configuration.getCommandExecutorTxRequired();
    try {
      for (ServiceImpl service : services) {
        service.setCommandExecutor(counting(service.getCommandExecutor(), outer));
      }
      configuration.setCommandExecutorTxRequired(counting(txRequired, outer));
      identitySetup.postProcessEngineBuild(processEngine);
    } finally {
      for (int i = 0; i < services.size(); i++) {
        services.get(i).setCommandExecutor(originals.get(i));
      }
      configuration.setCommandExecutorTxRequired(txRequired);
    }
    return outer.get();
  }

  private static CommandExecutor counting(CommandExecutor delegate, AtomicInteger outer) {
    // Only the set-up's own thread: other threads use the same services meanwhile (the metrics refresh reads
    // the task report every 30 s).
    Thread setUpThread = Thread.currentThread();
    return new CommandExecutor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (Thread.currentThread() == setUpThread && Context.getCommandContext() == null) {
          outer.incrementAndGet();
        }
        return delegate.execute(command);
      }
    };
  }

  private List<String> authorizationRows() {
    return authorizationService.createAuthorizationQuery().list().stream()
        .map(a -> a.getId() + " " + ((AuthorizationEntity) a).getRevision()
            + " " + a.getAuthorizationType() + " " + a.getGroupId() + " " + a.getUserId() + " " + a.getResourceType()
            + " " + a.getResourceId())
        .sorted().toList();
  }

  @Test
  void onAnUpToDateDatabaseThePassIsOneCommandAndChangesNothing() {
    List<String> before = authorizationRows();
    long groups = identityService.createGroupQuery().count();
    long users = identityService.createUserQuery().count();
    long filters = filterService.createFilterQuery().count();

    assertThat(commandsOfOnePass()).isEqualTo(1);

    assertThat(authorizationRows()).isEqualTo(before);
    assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
    assertThat(identityService.createUserQuery().count()).isEqualTo(users);
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
  }

  @Test
  void excessRightsOfAnEarlierVersionAreTakenBackWithinTheOnePass() {
    Authorization updateInstance = grant("tz-sti", null, Resources.PROCESS_DEFINITION, "legacy-probe",
        Permissions.READ, Permissions.UPDATE_INSTANCE);
    Authorization taskUpdate = grant("tz-sti", null, Resources.TASK, "legacy-task", Permissions.UPDATE);
    User legacy = identityService.newUser("legacy-profile");
    legacy.setFirstName("旧");
    legacy.setLastName("档案");
    legacy.setPassword("legacy-profile-password");
    identityService.saveUser(legacy);
    Authorization own = ownRows("legacy-profile").get(0);
    own.addPermission(Permissions.ALL);
    authorizationService.saveAuthorization(own);
    try {
      assertThat(commandsOfOnePass()).isEqualTo(1);

      Authorization definition = row(updateInstance.getId());
      assertThat(definition.isPermissionGranted(Permissions.READ)).isTrue();
      assertThat(definition.isPermissionGranted(Permissions.UPDATE_INSTANCE)).isFalse();
      Authorization task = row(taskUpdate.getId());
      assertThat(task.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
      assertThat(task.isPermissionGranted(Permissions.UPDATE)).isFalse();
      List<Authorization> ownNow = ownRows("legacy-profile");
      assertThat(ownNow).hasSize(1);
      assertThat(ownNow.get(0).isPermissionGranted(Permissions.READ)).isTrue();
      assertThat(ownNow.get(0).isPermissionGranted(Permissions.UPDATE)).isFalse();
    } finally {
      authorizationService.deleteAuthorization(updateInstance.getId());
      authorizationService.deleteAuthorization(taskUpdate.getId());
      identityService.deleteUser("legacy-profile");
    }
  }

  private Authorization grant(String groupId, String userId, Resources resource, String resourceId,
      Permissions... permissions) {
    Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permissions permission : permissions) {
      authorization.addPermission(permission);
    }
    return authorizationService.saveAuthorization(authorization);
  }

  private Authorization row(String id) {
    return authorizationService.createAuthorizationQuery().authorizationId(id).singleResult();
  }

  private List<Authorization> ownRows(String userId) {
    return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .userIdIn(userId).resourceType(Resources.USER).resourceId(userId).list();
  }
}
