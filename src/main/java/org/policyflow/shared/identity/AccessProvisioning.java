package org.policyflow.shared.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * Idempotent writes to the engine's identity and authorization services: each method makes sure a
 * fact holds and leaves it alone when it already does, so start-up can run any number of times.
 *
 * <p>One instance may run inside a single engine command ({@link IdentitySetup} does, so that start-up is one
 * transaction). There the engine's queries do not see rows inserted earlier in the same command (they are
 * written when the command ends), so the instance remembers what it created and never inserts a fact twice.
 */
public class AccessProvisioning {

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  /** Grant rows read or created by this instance, by group, resource type and resource id. */
  private final Map<String, Authorization> grants = new HashMap<>();
  /** Of those, the ones created here: still to be inserted, so changed in place and not saved again. */
  private final Set<Authorization> created = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<String> createdGroups = new HashSet<>();
  private final Set<String> createdUsers = new HashSet<>();
  private final Set<String> createdMemberships = new HashSet<>();
  private final Set<String> removedGlobals = new HashSet<>();

  public AccessProvisioning(ProcessEngine engine) {
    this.identityService = engine.getIdentityService();
    this.authorizationService = engine.getAuthorizationService();
    this.filterService = engine.getFilterService();
    this.taskService = engine.getTaskService();
  }

  public void ensureGroup(String id, String name, String type) {
    if (createdGroups.contains(id) || identityService.createGroupQuery().groupId(id).singleResult() != null) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
    createdGroups.add(id);
  }

  /** Creates the user if absent. An existing user keeps its password: people change theirs in Admin. */
  public void ensureUser(String id, String firstName, String lastName, String email, String password) {
    if (createdUsers.contains(id) || identityService.createUserQuery().userId(id).singleResult() != null) {
      return;
    }
    User user = identityService.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(email);
    user.setPassword(password);
    identityService.saveUser(user);
    createdUsers.add(id);
  }

  public void ensureUserInfo(String userId, Map<String, String> info) {
    info.forEach((key, value) -> {
      if (!value.equals(identityService.getUserInfo(userId, key))) {
        identityService.setUserInfo(userId, key, value);
      }
    });
  }

  public void ensureMembership(String userId, String groupId) {
    if (!createdMemberships.contains(userId + '\n' + groupId)
        && identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
      createdMemberships.add(userId + '\n' + groupId);
    }
  }

  /** Grants the permissions to the group on the resource, adding to what it already has. */
  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    String key = groupId + '\n' + resource.resourceType() + '\n' + resourceId;
    Authorization authorization = grants.get(key);
    if (authorization == null) {
      authorization = authorizationService.createAuthorizationQuery()
          .authorizationType(AUTH_TYPE_GRANT)
          .groupIdIn(groupId)
          .resourceType(resource)
          .resourceId(resourceId)
          .singleResult();
    }
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
      grants.put(key, authorization);
      return;
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    if (created.contains(authorization)) {
      // Inserted when the command ends, with the permissions it has then.
      return;
    }
    boolean isNew = authorization.getId() == null;
    authorizationService.saveAuthorization(authorization);
    grants.put(key, authorization);
    if (isNew) {
      created.add(authorization);
    }
  }

  /** Everything on everything, as the engine's own administrator group has it. */
  public void grantAdministration(String groupId) {
    for (Resources resource : Resources.values()) {
      grant(groupId, resource, ANY, Permissions.ALL);
    }
  }

  public void grantApplication(String groupId, String application) {
    grant(groupId, Resources.APPLICATION, application, Permissions.ACCESS);
  }

  /**
   * Staff may read the models (not their instances or tasks): Tasklist shows a task's diagram and
   * process name from the definition, and Tasklist's start dialog still lists only what the group may
   * start (CREATE_INSTANCE).
   */
  public void grantReadModels(String groupId) {
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
  }

  /**
   * Removes the global "everyone reads the models" authorization an earlier version created instead of
   * the group rows. The engine checks permissions revoke-aware (application.yaml): there a global row
   * that lacks a permission counts as revoking it, so this row denied TASK_WORK on every process to
   * whoever had no grant of their own on the definition, and users could not complete their tasks.
   */
  public void removeGlobalReadModels() {
    globalAuthorizations().stream()
        .filter(global -> global.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
            && ANY.equals(global.getResourceId()))
        .filter(AccessProvisioning::grantsOnlyRead)
        .forEach(global -> {
          authorizationService.deleteAuthorization(global.getId());
          removedGlobals.add(global.getId());
        });
  }

  /**
   * Global authorizations someone created (in Admin or through REST). Under the revoke-aware check a
   * global row revokes, for everyone without a grant of their own, every permission it does not list.
   */
  public List<Authorization> globalAuthorizations() {
    return authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL).list().stream()
        .filter(global -> !removedGlobals.contains(global.getId()))
        .toList();
  }

  private static boolean grantsOnlyRead(Authorization authorization) {
    // NONE (no bit) counts as "granted" in every grant, so it is left out.
    return Arrays.stream(authorization.getPermissions(ProcessDefinitionPermissions.values()))
        .filter(permission -> permission != ProcessDefinitionPermissions.NONE)
        .toList().equals(List.of(ProcessDefinitionPermissions.READ));
  }

  /** May see the process in Tasklist's start list and start an instance of it. */
  public void grantStart(String groupId, String processDefinitionKey) {
    grant(groupId, Resources.PROCESS_DEFINITION, processDefinitionKey, Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
  }

  /**
   * Rights that earlier versions gave and no non-administrator may hold, taken back at every start-up
   * (docs/security.md):
   * <ul>
   *   <li>UPDATE_INSTANCE on a process definition (the portal account could change and suspend notices);</li>
   *   <li>more than READ on one's own user record (the engine's default; users renamed themselves);</li>
   *   <li>UPDATE on a task through candidacy or assignment (the engine's former default task permission):
   *       it becomes TASK_WORK, which claims and completes but sets no variables, identity links or dates.</li>
   * </ul>
   */
  public void revokeExcessRights(String adminGroup) {
    for (Authorization grant : authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).resourceType(Resources.PROCESS_DEFINITION)
        .hasPermission(Permissions.UPDATE_INSTANCE).list()) {
      if (!adminGroup.equals(grant.getGroupId())) {
        grant.removePermission(Permissions.UPDATE_INSTANCE);
        authorizationService.saveAuthorization(grant);
      }
    }
    Set<String> administrators = new HashSet<>();
    identityService.createUserQuery().memberOfGroup(adminGroup).list().forEach(user -> administrators.add(user.getId()));
    createdMemberships.stream().filter(membership -> membership.endsWith('\n' + adminGroup))
        .forEach(membership -> administrators.add(membership.substring(0, membership.indexOf('\n'))));
    for (Authorization own : authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).resourceType(Resources.USER).hasPermission(Permissions.UPDATE).list()) {
      if (own.getUserId() != null && own.getUserId().equals(own.getResourceId())
          && !administrators.contains(own.getUserId())) {
        // Changed in place rather than deleted and inserted again: within one transaction the engine inserts
        // before it deletes, and the new row would collide with the old one on the table's unique key.
        own.setPermissions(new Permission[] {Permissions.READ});
        authorizationService.saveAuthorization(own);
      }
    }
    for (Authorization task : authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).resourceType(Resources.TASK).hasPermission(Permissions.UPDATE).list()) {
      if (!ANY.equals(task.getResourceId()) && !adminGroup.equals(task.getGroupId())
          && !administrators.contains(task.getUserId())) {
        task.removePermission(Permissions.UPDATE);
        task.addPermission(TaskPermissions.TASK_WORK);
        authorizationService.saveAuthorization(task);
      }
    }
  }

  /** Read runtime data and history of every process, decision and deployment; no write permission at all. */
  public void grantAuditRead(String groupId) {
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
        Permissions.READ_INSTANCE, Permissions.READ_TASK);
    grant(groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(groupId, Resources.TASK, ANY, Permissions.READ);
    grant(groupId, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(groupId, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(groupId, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(groupId, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(groupId, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
    grant(groupId, Resources.BATCH, ANY, Permissions.READ, BatchPermissions.READ_HISTORY);
    grant(groupId, Resources.USER, ANY, Permissions.READ);
    grant(groupId, Resources.GROUP, ANY, Permissions.READ);
  }

  public void grantDeploy(String groupId) {
    grant(groupId, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
  }

  /**
   * Creates a shared Tasklist filter once (by name) and lets the groups read it. The description of an
   * existing filter follows the code, so that a database created by an older version loses text it no
   * longer shows (the English glosses of the first filters); its query and other properties stay.
   */
  public void ensureFilter(String name, String description, int priority, TaskQuery query, Iterable<String> readers) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
      filter.setQuery(query);
      filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
      filterService.saveFilter(filter);
    } else if (filter.getProperties() != null && !description.equals(filter.getProperties().get("description"))) {
      Map<String, Object> properties = new HashMap<>(filter.getProperties());
      properties.put("description", description);
      filter.setProperties(properties);
      filterService.saveFilter(filter);
    }
    for (String groupId : readers) {
      grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  public TaskQuery newTaskQuery() {
    return taskService.createTaskQuery();
  }

  public static String adminGroup() {
    return Groups.CAMUNDA_ADMIN;
  }
}
