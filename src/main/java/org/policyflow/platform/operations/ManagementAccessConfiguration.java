package org.policyflow.platform.operations;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Puts {@link ManagementAccessFilter} in front of the actuator endpoints. Registered for the management
 * context of either kind (listed in META-INF/spring/…ManagementContextConfiguration.imports): on its own
 * port (the default, see application.yaml) and also if an operator moves the endpoints onto the main port.
 * Component scanning finds it in the main context too: there it makes the public port answer /actuator/…
 * with 401 before any 404, which reveals nothing either.
 */
@ManagementContextConfiguration(ManagementContextType.ANY)
public class ManagementAccessConfiguration {

  @Bean
  FilterRegistrationBean<ManagementAccessFilter> policyflowManagementAccess(IdentityService identityService,
      WebEndpointProperties endpoints, Environment environment) {
    // Bound, not @Value: a YAML list and a comma-separated property both work.
    List<String> groups = Binder.get(environment).bind("policyflow.management.groups", Bindable.listOf(String.class))
        .orElse(List.of(Groups.CAMUNDA_ADMIN));
    String basePath = endpoints.getBasePath();
    FilterRegistrationBean<ManagementAccessFilter> registration =
        new FilterRegistrationBean<>(new ManagementAccessFilter(identityService, Set.copyOf(groups), basePath));
    registration.setName("policyflow-management-access");
    registration.addUrlPatterns(basePath + "/*", basePath);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
