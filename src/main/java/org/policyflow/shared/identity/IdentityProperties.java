package org.policyflow.shared.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Roles and localities of identity.yaml: which groups exist and what each may do. */
@ConfigurationProperties("policyflow.identity")
public record IdentityProperties(
    @DefaultValue List<Role> roles,
    @DefaultValue Access localityRole,
    @DefaultValue List<Locality> localities) {

  /** A role of policy-rules.md, as an engine group. */
  public record Role(
      String id,
      String name,
      @DefaultValue List<String> applications,
      @DefaultValue List<String> starts,
      @DefaultValue List<Grant> grants) {

    Access access() {
      return new Access(applications, starts, grants);
    }
  }

  /** One 属地部门 of Tongzhou District. All localities share {@link #localityRole()}. */
  public record Locality(String id, String name) {}

  /** What a group may do, beyond working on the tasks it is a candidate for. */
  public record Access(
      @DefaultValue List<String> applications,
      @DefaultValue List<String> starts,
      @DefaultValue List<Grant> grants) {}

  /** Capability sets that are more than "use a webapp and start a process". */
  public enum Grant {
    /** Read runtime and history of everything; change nothing. */
    AUDIT_READ,
    /** Create deployments (Camunda Modeler, REST). */
    DEPLOY
  }
}
