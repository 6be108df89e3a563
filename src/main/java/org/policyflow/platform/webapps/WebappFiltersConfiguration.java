package org.policyflow.platform.webapps;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Filters in front of the Camunda webapps. Camunda's starter adds its own filters to the servlet context
 * "after" the declared ones; a registration bean is declared, so these run first.
 */
@Configuration(proxyBeanMethods = false)
public class WebappFiltersConfiguration {

  @Bean
  FilterRegistrationBean<CspNoncePerRequestFilter> cspNoncePerRequest(CamundaBpmProperties camunda) {
    FilterRegistrationBean<CspNoncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new CspNoncePerRequestFilter());
    registration.setName("policyflow-csp-nonce-per-request");
    registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
