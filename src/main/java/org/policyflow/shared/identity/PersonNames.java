package org.policyflow.shared.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * A person's name as a Chinese reader expects it: 姓 + 名 without a space (何伟, not "伟 何"). Read on behalf of
 * the system, because the person whose step shows the name (a granter reading who asked) may not read user
 * profiles. An unknown or nameless account is shown by its id, so a record never shows an empty name.
 */
@Component
public class PersonNames {

  private final IdentityService identityService;
  private final SystemAccess system;

  public PersonNames(IdentityService identityService, SystemAccess system) {
    this.identityService = identityService;
    this.system = system;
  }

  public String displayName(String userId) {
    if (userId == null || userId.isBlank()) {
      return null;
    }
    User user = system.call(() -> identityService.createUserQuery().userId(userId).singleResult());
    return user == null ? userId : displayName(user);
  }

  public static String displayName(User user) {
    String name = (nullToEmpty(user.getLastName()) + nullToEmpty(user.getFirstName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
