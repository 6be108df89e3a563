package org.policyflow.platform;

import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
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
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("policyflow-engine-rest-authentication");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName()));
    // The engine REST API and the project's own API (/api/…) authenticate alike.
    registration.addUrlPatterns(restPath(jersey) + "/*", "/api/*");
    return registration;
  }

  private static String restPath(JerseyProperties jersey) {
    String path = jersey.getApplicationPath() == null ? "/engine-rest" : jersey.getApplicationPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
