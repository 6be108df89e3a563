package org.policyflow.platform.security;

import java.util.stream.Collectors;
import org.policyflow.platform.security.AccessPolicyProperties.Role;
import org.policyflow.platform.security.AccessPolicyProperties.Rule;

/** The README's "Who may do what" table, generated from the allow-list. */
final class AccessPolicyTable {

  private AccessPolicyTable() {}

  static String markdown(AccessPolicy policy) {
    StringBuilder table = new StringBuilder("| 可以做什么 / may | ");
    table.append(policy.roles().stream().map(Role::name).collect(Collectors.joining(" | "))).append(" |\n|---|");
    table.append(policy.roles().stream().map(role -> ":-:").collect(Collectors.joining("|"))).append("|\n");
    for (Rule rule : policy.rules()) {
      table.append("| ").append(rule.what()).append(" | ");
      table.append(policy.roles().stream().map(role -> rule.roles().contains(role.id()) ? "✔" : "")
          .collect(Collectors.joining(" | "))).append(" |\n");
    }
    return table.toString();
  }
}
