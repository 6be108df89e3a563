package org.policyflow.platform;

import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.policyflow.audit.AuditSessionAuthenticationProvider;
import org.springframework.boot.autoconfigure.jersey.JerseyProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API is open by default. Every call to it must authenticate (HTTP Basic against the
 * engine's identity service) so that the engine's authorizations apply to portals, the Modeler and
 * scripts exactly as to the webapps.
 */
@Configuration
public class RestSecurityConfiguration {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(JerseyProperties jersey) {
    return registration("policyflow-engine-rest-authentication", HttpBasicAuthenticationProvider.class,
        restPath(jersey) + "/*");
  }

  /**
   * The project's own API (/api/…) authenticates alike; its read-only audit endpoints also accept the
   * Cockpit login, because the audit plugins call them from inside Cockpit (see
   * {@link AuditSessionAuthenticationProvider}).
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> projectApiAuthentication() {
    return registration("policyflow-api-authentication", AuditSessionAuthenticationProvider.class, "/api/*");
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration(String name,
      Class<?> provider, String urlPattern) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName(name);
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, provider.getName()));
    registration.addUrlPatterns(urlPattern);
    return registration;
  }

  private static String restPath(JerseyProperties jersey) {
    String path = jersey.getApplicationPath() == null ? "/engine-rest" : jersey.getApplicationPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
