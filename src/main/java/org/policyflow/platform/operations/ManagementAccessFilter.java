package org.policyflow.platform.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the actuator endpoints (management port): HTTP Basic against the engine's users, and only members
 * of the configured groups ({@code policyflow.management.groups}, by default the administrators) may read
 * them. Unauthenticated callers get only the liveness and readiness probes, as status without details, which
 * a load balancer or service manager needs and which tell nothing about the data. A wrong password counts
 * towards the engine's login lock-out like any other login.
 */
public class ManagementAccessFilter extends OncePerRequestFilter {

  private static final String BASIC = "Basic ";

  private final IdentityService identityService;
  private final Set<String> groups;
  private final Set<String> openPaths;

  public ManagementAccessFilter(IdentityService identityService, Set<String> groups, String basePath) {
    this.identityService = identityService;
    this.groups = Set.copyOf(groups);
    this.openPaths = Set.of(basePath + "/health/liveness", basePath + "/health/readiness");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (read && openPaths.contains(path)) {
      chain.doFilter(request, response);
      return;
    }
    String user = authenticatedUser(request.getHeader("Authorization"));
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"policyflow-management\", charset=\"UTF-8\"");
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
          "需要管理账号登录。 Authentication required for the management endpoints.");
      return;
    }
    boolean member = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).anyMatch(groups::contains);
    if (!member) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN,
          "只有运维管理组成员可以查看运行状态和指标。 Only members of " + groups + " may read the management endpoints.");
      return;
    }
    chain.doFilter(request, response);
  }

  private String authenticatedUser(String header) {
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identityService.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }

  private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"message\":\"" + message.replace("\"", "'") + "\"}");
  }
}
