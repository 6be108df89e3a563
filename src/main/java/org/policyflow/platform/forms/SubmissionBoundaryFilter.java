package org.policyflow.platform.forms;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks the engine commands that an HTTP request issues — the engine REST API, Tasklist (which calls
 * the engine through {@code /camunda/api/engine}), the project's {@code /api} — as coming from
 * outside, so that {@link FormCheckPlugin} checks their form submissions. The check itself stays in
 * the engine (one place for every route); in-process Java code (delegates, set-up, the system acting
 * through {@code SystemAccess}) is trusted like the rest of the application.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SubmissionBoundaryFilter extends OncePerRequestFilter {

  private static final ThreadLocal<Boolean> FROM_OUTSIDE = new ThreadLocal<>();

  /** True while the current thread serves an HTTP request. */
  static boolean fromOutside() {
    return Boolean.TRUE.equals(FROM_OUTSIDE.get());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    FROM_OUTSIDE.set(Boolean.TRUE);
    try {
      chain.doFilter(request, response);
    } finally {
      FROM_OUTSIDE.remove();
    }
  }
}
