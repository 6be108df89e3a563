package org.policyflow.platform.attachments;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.JerseyProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link AttachmentLimitFilter} in front of both APIs that create attachments. */
@Configuration
public class AttachmentConfiguration {

  @Bean
  FilterRegistrationBean<AttachmentLimitFilter> attachmentLimits(AttachmentProperties limits, JerseyProperties jersey,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<AttachmentLimitFilter> registration =
        new FilterRegistrationBean<>(new AttachmentLimitFilter(limits));
    registration.setName("policyflow-attachment-limits");
    // After authentication: an anonymous caller is refused before its upload is read.
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    registration.addUrlPatterns(trim(jersey.getApplicationPath() == null ? "/engine-rest" : jersey.getApplicationPath())
        + "/*", trim(webappPath) + "/api/engine/*");
    return registration;
  }

  private static String trim(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
