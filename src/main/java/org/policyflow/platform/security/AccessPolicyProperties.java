package org.policyflow.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The allow-list of access-policy.yaml: the roles (as engine groups) and, per rule, which roles may call
 * which operations. Whatever no rule grants is refused.
 */
@ConfigurationProperties("policyflow.access")
public record AccessPolicyProperties(@DefaultValue List<Role> roles, @DefaultValue List<Rule> rules) {

  /** A role: its engine groups ({@code tz-locality-*} stands for every group with that prefix). */
  public record Role(String id, String name, @DefaultValue List<String> groups) {}

  /**
   * What may be done ("what", shown in the README table), by which roles, through which operations:
   * {@code "GET|POST /engine-rest/task/{id}/**"}; {@code ANY} for every method, {@code *} one path
   * segment of the template, {@code **} any rest.
   */
  public record Rule(String what, @DefaultValue List<String> roles, @DefaultValue List<String> endpoints) {}
}
