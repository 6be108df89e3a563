package org.policyflow.platform.operations;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts {@link ManagementAccessFilter} in front of the actuator endpoints. Registered for the management
 * context of either kind (listed in META-INF/spring/…ManagementContextConfiguration.imports): on its own
 * port (the default, see application.yaml) and also if an operator moves the endpoints onto the main port.
 */
@ManagementContextConfiguration(ManagementContextType.ANY)
public class ManagementAccessConfiguration {

  @Bean
  FilterRegistrationBean<ManagementAccessFilter> policyflowManagementAccess(IdentityService identityService,
      WebEndpointProperties endpoints,
      @Value("${policyflow.management.groups:camunda-admin}") List<String> groups) {
    String basePath = endpoints.getBasePath();
    FilterRegistrationBean<ManagementAccessFilter> registration =
        new FilterRegistrationBean<>(new ManagementAccessFilter(identityService, java.util.Set.copyOf(groups), basePath));
    registration.setName("policyflow-management-access");
    registration.addUrlPatterns(basePath + "/*", basePath);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
