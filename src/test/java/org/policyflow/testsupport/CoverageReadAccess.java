package org.policyflow.testsupport;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * The process-test-coverage listener reads the process definition as the acting user on every
 * activity; users who only work on tasks (no start right) would be refused READ and the test would fail
 * for a reason the application does not have. Tests that complete tasks through REST as such users
 * grant that READ for the duration of the test and revoke it afterwards.
 */
public final class CoverageReadAccess {

  private CoverageReadAccess() {}

  public static void grant(ProcessEngine engine, String groupId, String... processKeys) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (String key : processKeys) {
      if (find(authorizations, groupId, key) == null) {
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setGroupId(groupId);
        read.setResource(Resources.PROCESS_DEFINITION);
        read.setResourceId(key);
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
      }
    }
  }

  public static void revoke(ProcessEngine engine, String groupId, String... processKeys) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (String key : processKeys) {
      Authorization read = find(authorizations, groupId, key);
      if (read != null) {
        authorizations.deleteAuthorization(read.getId());
      }
    }
  }

  private static Authorization find(AuthorizationService authorizations, String groupId, String key) {
    return authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.PROCESS_DEFINITION)
        .resourceId(key).singleResult();
  }
}
