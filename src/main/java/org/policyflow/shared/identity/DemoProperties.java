package org.policyflow.shared.identity;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Demo users, created only when {@code policyflow.demo.enabled} is true. */
@ConfigurationProperties("policyflow.demo")
public record DemoProperties(
    @DefaultValue("false") boolean enabled,
    String password,
    @DefaultValue List<DemoUser> users) {

  public record DemoUser(
      String id,
      String firstName,
      String lastName,
      String email,
      @DefaultValue List<String> groups,
      @DefaultValue Map<String, String> info) {}
}
