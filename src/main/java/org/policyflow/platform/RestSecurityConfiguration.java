package org.policyflow.platform;

import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.glassfish.jersey.server.ResourceConfig;
import org.camunda.bpm.tasklist.impl.web.TasklistApplication;
import org.camunda.bpm.welcome.impl.web.WelcomeApplication;
import org.policyflow.audit.AuditSessionAuthenticationProvider;
import org.policyflow.platform.security.AccessPolicy;
import org.policyflow.platform.security.AccessPolicyFilter;
import org.policyflow.platform.security.AccessPolicyProperties;
import org.policyflow.platform.security.BasicWithoutChallenge;
import org.policyflow.platform.security.EndpointCatalog;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.JerseyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The engine REST API is open by default. Every call to it must authenticate (HTTP Basic against the
 * engine's identity service) so that the engine's authorizations apply to portals, the Modeler and
 * scripts exactly as to the webapps; then {@link AccessPolicyFilter} lets through only the operations
 * access-policy.yaml grants to the caller's roles (docs/security.md).
 */
@Configuration
@EnableConfigurationProperties(AccessPolicyProperties.class)
public class RestSecurityConfiguration {

  /** Authentication first, then the access policy, then the attachment limits (order LOWEST). */
  static final int AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 20;
  static final int ACCESS_POLICY_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(JerseyProperties jersey) {
    return registration("policyflow-engine-rest-authentication", BasicWithoutChallenge.class,
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

  @Bean
  AccessPolicy accessPolicy(AccessPolicyProperties properties) {
    return new AccessPolicy(properties);
  }

  /**
   * Read from the running application once it is complete: the JAX-RS resources, the request mappings,
   * and the webapps' own JAX-RS applications. Those are the classes the webapp starter registers as
   * servlets at {@code /api/cockpit/*}, {@code /api/admin/*}, {@code /api/tasklist/*} and
   * {@code /api/welcome/*}; they list their plugins' resources from the plugin registries, which the
   * webapps' bootstrap listeners fill when the servlet context starts.
   */
  @Bean
  Supplier<EndpointCatalog> endpointCatalog(ResourceConfig jerseyResources,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
    return new Supplier<>() {
      private volatile EndpointCatalog catalog;

      @Override
      public EndpointCatalog get() {
        if (catalog == null) {
          catalog = EndpointCatalog.of(jerseyResources.getClasses(), mappings.getHandlerMethods().keySet(),
              Map.of("cockpit", new CockpitApplication().getClasses(), "admin", new AdminApplication().getClasses(),
                  "tasklist", new TasklistApplication().getClasses(), "welcome", new WelcomeApplication().getClasses()));
        }
        return catalog;
      }
    };
  }

  @Bean
  FilterRegistrationBean<AccessPolicyFilter> accessPolicyFilter(Supplier<EndpointCatalog> endpointCatalog,
      AccessPolicy accessPolicy, IdentityService identityService, JerseyProperties jersey,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<AccessPolicyFilter> registration =
        new FilterRegistrationBean<>(new AccessPolicyFilter(endpointCatalog, accessPolicy, identityService,
            trim(webappPath)));
    registration.setName("policyflow-access-policy");
    registration.setOrder(ACCESS_POLICY_ORDER);
    // All of the webapps' APIs: the engine mount and the apps' own (an API a new version adds under
    // /api/… is in no allow-list and refused).
    registration.addUrlPatterns(restPath(jersey) + "/*", "/api/*", trim(webappPath) + "/api/*");
    return registration;
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration(String name,
      Class<?> provider, String urlPattern) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName(name);
    registration.setOrder(AUTHENTICATION_ORDER);
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, provider.getName()));
    registration.addUrlPatterns(urlPattern);
    return registration;
  }

  private static String restPath(JerseyProperties jersey) {
    return trim(jersey.getApplicationPath() == null ? "/engine-rest" : jersey.getApplicationPath());
  }

  private static String trim(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
