package org.policyflow.shared.identity;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * The engine's default gives every new user all rights on their own user record, so anyone could rename
 * themselves (an applicant took an officer's name). Here a new user may read their own record only;
 * names and passwords are maintained by administrators (docs/security.md).
 */
public class ProfilesByAdministrators extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newUser(User user) {
    return new AuthorizationEntity[] {
        createGrantAuthorization(user.getId(), null, Resources.USER, user.getId(), Permissions.READ)};
  }
}
