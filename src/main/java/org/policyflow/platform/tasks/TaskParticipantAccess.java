package org.policyflow.platform.tasks;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Lets the people who work on a task read that task's and its process instance's history, and
 * nothing else of the history.
 *
 * <p>Why: the engine's attachment API (used by the Tasklist tab 附件) finds a task through the
 * historic task query, and the tab lists the attachments of the instance's other tasks through
 * {@code /history/task?processInstanceId=…}. Staff hold no READ_HISTORY on process definitions (they
 * must not see every case), so with {@code enableHistoricInstancePermissions} each participant gets
 * READ on the historic task and on the historic process instance, per instance. Runs on task create
 * and on assignment (a claim or delegation brings a new person).
 */
public class TaskParticipantAccess implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      users.add(task.getAssignee());
    }
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        if (link.getUserId() != null) {
          users.add(link.getUserId());
        }
        if (link.getGroupId() != null) {
          groups.add(link.getGroupId());
        }
      }
    }
    if (users.isEmpty() && groups.isEmpty()) {
      return;
    }
    AuthorizationService authorizations =
        Context.getProcessEngineConfiguration().getAuthorizationService();
    // Granting is the engine's own doing, not the acting user's: the acting user may hold no
    // right to create authorizations.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String user : users) {
        grant(authorizations, user, null, task);
      }
      for (String group : groups) {
        grant(authorizations, null, group, task);
      }
      if (task.getAssignee() != null) {
        letAssigneeUnclaim(authorizations, task.getAssignee(), task.getId());
      }
      return null;
    });
  }

  /**
   * Candidates hold TASK_WORK only (application.yaml), which claims and completes; giving a claimed task
   * back (unclaim) is an assignment in the engine and needs TASK_ASSIGN. The assignee gets it on their
   * own task; reassigning to someone else stays refused at the API (access-policy.yaml).
   */
  private static void letAssigneeUnclaim(AuthorizationService authorizations, String userId, String taskId) {
    AuthorizationEntity pending = Context.getCommandContext().getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .filter(cached -> cached.getResourceType() == Resources.TASK.resourceType()
            && taskId.equals(cached.getResourceId()) && userId.equals(cached.getUserId())
            && cached.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
        .findFirst().orElse(null);
    Authorization authorization = pending != null ? pending : authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.TASK).resourceId(taskId)
        .userIdIn(userId).singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setUserId(userId);
      authorization.setResource(Resources.TASK);
      authorization.setResourceId(taskId);
    } else if (authorization.isPermissionGranted(TaskPermissions.TASK_ASSIGN)) {
      return;
    }
    authorization.addPermission(TaskPermissions.TASK_ASSIGN);
    if (pending == null) {
      authorizations.saveAuthorization(authorization);
    }
  }

  private static void grant(AuthorizationService authorizations, String userId, String groupId, DelegateTask task) {
    grantRead(authorizations, userId, groupId, Resources.HISTORIC_TASK, task.getId(), HistoricTaskPermissions.READ);
    if (task.getProcessInstanceId() != null) {
      grantRead(authorizations, userId, groupId, Resources.HISTORIC_PROCESS_INSTANCE, task.getProcessInstanceId(),
          HistoricProcessInstancePermissions.READ);
    }
  }

  private static void grantRead(AuthorizationService authorizations, String userId, String groupId, Resource resource,
      String resourceId, org.camunda.bpm.engine.authorization.Permission permission) {
    var query = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(resource).resourceId(resourceId);
    boolean exists = (userId != null ? query.userIdIn(userId) : query.groupIdIn(groupId)).count() > 0;
    // Create and assignment may both run in one transaction: an authorization inserted a moment
    // ago is still only in the command's entity cache, invisible to the query above.
    boolean pending = Context.getCommandContext().getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .anyMatch(cached -> cached.getResourceType() == resource.resourceType()
            && resourceId.equals(cached.getResourceId())
            && Objects.equals(userId, cached.getUserId()) && Objects.equals(groupId, cached.getGroupId()));
    if (exists || pending) {
      return;
    }
    AuthorizationEntity authorization = (AuthorizationEntity) authorizations.createNewAuthorization(
        Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }
}
