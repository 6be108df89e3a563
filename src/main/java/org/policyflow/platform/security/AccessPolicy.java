package org.policyflow.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.policyflow.platform.security.AccessPolicyProperties.Role;
import org.policyflow.platform.security.AccessPolicyProperties.Rule;

/**
 * Decides, before anything reaches the engine or a controller, whether a role may call an operation at
 * all. It is the coarse, closed-by-default layer; the engine's authorizations still decide which
 * instances and tasks a permitted call may touch.
 */
public final class AccessPolicy {

  /**
   * The role of a webapp API call without a login (the login itself, the plugins' scripts the login page
   * loads). It has no groups, so no user holds it.
   */
  public static final String ANONYMOUS = "anonymous";

  /** One pattern of a rule: methods and a template glob. */
  record Grant(Set<String> methods, Pattern template, String text) {
    boolean matches(Endpoint endpoint) {
      return (methods.contains("ANY") || methods.contains(endpoint.method()))
          && template.matcher(endpoint.template()).matches();
    }
  }

  private record CompiledRule(Rule rule, List<Grant> grants) {}

  private final List<Role> roles;
  private final List<CompiledRule> rules;

  public AccessPolicy(AccessPolicyProperties properties) {
    this.roles = List.copyOf(properties.roles());
    Set<String> known = new LinkedHashSet<>();
    roles.forEach(role -> known.add(role.id()));
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : properties.rules()) {
      for (String role : rule.roles()) {
        if (!known.contains(role)) {
          throw new IllegalStateException("access-policy.yaml: rule \"" + rule.what() + "\" names unknown role " + role);
        }
      }
      compiled.add(new CompiledRule(rule, rule.endpoints().stream().map(AccessPolicy::grant).toList()));
    }
    this.rules = List.copyOf(compiled);
  }

  public List<Role> roles() {
    return roles;
  }

  public List<Rule> rules() {
    return rules.stream().map(CompiledRule::rule).toList();
  }

  /** The roles a user holds through their groups. */
  public Set<String> rolesOf(Collection<String> groupIds) {
    Set<String> held = new LinkedHashSet<>();
    for (Role role : roles) {
      for (String group : role.groups()) {
        boolean prefix = group.endsWith("*");
        String stem = prefix ? group.substring(0, group.length() - 1) : group;
        if (groupIds.stream().anyMatch(id -> prefix ? id.startsWith(stem) : id.equals(stem))) {
          held.add(role.id());
        }
      }
    }
    return held;
  }

  public boolean allows(Set<String> heldRoles, Endpoint endpoint) {
    return rules.stream().anyMatch(rule -> rule.rule().roles().stream().anyMatch(heldRoles::contains)
        && rule.grants().stream().anyMatch(grant -> grant.matches(endpoint)));
  }

  /** Role id → allowed, for every role. */
  public Map<String, Boolean> decisions(Endpoint endpoint) {
    Map<String, Boolean> decisions = new LinkedHashMap<>();
    roles.forEach(role -> decisions.put(role.id(), allows(Set.of(role.id()), endpoint)));
    return decisions;
  }

  /** Who may call the operation, for a refusal message: "系统管理员 (camunda-admin)". */
  public String allowedRolesText(Endpoint endpoint) {
    return roles.stream().filter(role -> allows(Set.of(role.id()), endpoint))
        .map(role -> role.name() + " (" + String.join(", ", role.groups()) + ")")
        .reduce((a, b) -> a + "; " + b).orElse("—");
  }

  /** The rules that name the operation, for any role. */
  public List<Rule> rulesFor(Endpoint endpoint) {
    return rules.stream().filter(rule -> rule.grants().stream().anyMatch(grant -> grant.matches(endpoint)))
        .map(CompiledRule::rule).toList();
  }

  /** Patterns that match no operation of the catalog: a typo or an endpoint that no longer exists. */
  public List<String> patternsMatchingNothing(EndpointCatalog catalog) {
    List<String> unused = new ArrayList<>();
    for (CompiledRule rule : rules) {
      for (Grant grant : rule.grants()) {
        if (catalog.endpoints().stream().noneMatch(grant::matches)) {
          unused.add(rule.rule().what() + ": " + grant.text());
        }
      }
    }
    return unused;
  }

  private static Grant grant(String text) {
    String[] parts = text.trim().split("\\s+", 2);
    if (parts.length != 2) {
      throw new IllegalStateException("access-policy.yaml: \"" + text + "\" is not \"METHOD /path\"");
    }
    Set<String> methods = new LinkedHashSet<>(List.of(parts[0].split("\\|")));
    StringBuilder regex = new StringBuilder();
    String glob = parts[1];
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Grant(methods, Pattern.compile(regex.toString()), text);
  }
}
