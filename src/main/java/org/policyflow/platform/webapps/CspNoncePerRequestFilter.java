package org.policyflow.platform.webapps;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.camunda.bpm.webapp.impl.security.filter.headersec.provider.impl.ContentSecurityPolicyProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the Content-Security-Policy nonce of a webapp page (Tasklist, Cockpit, Admin) equal to the nonce
 * of its own script tags.
 *
 * <p>Camunda 7.24 passes the nonce from its header filter to the page through one attribute of the
 * ServletContext, shared by all requests: {@code HttpHeaderSecurityFilter} writes a fresh nonce there for
 * every webapp request (pages, scripts, API calls) and {@code ProcessEnginesFilter} reads it back when it
 * writes the page's {@code <script nonce="…">}. A request of anyone else in between leaves the page with
 * that request's nonce: the browser refuses Tasklist's own scripts and the page stays on its loading
 * spinner until it is reloaded (seen in the browser tests, once in many reloads; with a whole office at
 * work it would be a daily event). This filter, ahead of Camunda's, hands both of them a view of the
 * ServletContext in which that one attribute belongs to the request; everything else is the shared
 * context.
 */
public class CspNoncePerRequestFilter extends OncePerRequestFilter {

  static final String NONCE_ATTRIBUTE = ContentSecurityPolicyProvider.ATTR_CSP_FILTER_NONCE;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new NonceOfThisRequest(request), response);
  }

  static final class NonceOfThisRequest extends HttpServletRequestWrapper {

    private final ServletContext context;

    NonceOfThisRequest(HttpServletRequest request) {
      super(request);
      this.context = nonceScopedContext(request.getServletContext(), request);
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }
  }

  /** The shared context, except that the nonce attribute is read from and written to the request. */
  static ServletContext nonceScopedContext(ServletContext shared, HttpServletRequest request) {
    return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE_ATTRIBUTE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute":
                return request.getAttribute(NONCE_ATTRIBUTE);
              case "setAttribute":
                request.setAttribute(NONCE_ATTRIBUTE, args[1]);
                return null;
              case "removeAttribute":
                request.removeAttribute(NONCE_ATTRIBUTE);
                return null;
              default:
                break;
            }
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
