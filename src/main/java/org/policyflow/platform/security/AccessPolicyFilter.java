package org.policyflow.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The boundary in front of the engine REST API (also as the webapps mount it), the webapps' own APIs
 * (Cockpit, Admin, Tasklist, Welcome and their plugins) and the project API: a call reaches the engine,
 * a webapp resource or a controller only if {@link AccessPolicy} grants its operation to one of the
 * caller's roles; a webapp API call without a login counts as the role {@link AccessPolicy#ANONYMOUS}.
 * A refused call is answered 403 (401 without a login) here, before any engine command runs, so it
 * leaves no trace. Also refused here: cross-site browser requests (a browser replays remembered credentials,
 * the request's origin tells us it came from another site) and request paths that do not say plainly
 * which operation they mean (path parameters, dot segments, doubled slashes), since the check must see
 * the path exactly as JAX-RS and Spring route it.
 */
public class AccessPolicyFilter extends OncePerRequestFilter {

  /** The webapps' mount of the engine REST API: {@code /camunda/api/engine/engine/{name}/…}. */
  private final Pattern webappEngine;
  /** The webapps' own APIs ({@code /camunda/api/cockpit/…}); checked after the engine mount. */
  private final Pattern webappApi;
  private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine-rest/engine/([^/]+)(/.*)$");
  /** The names the webapps' resources give the engine in their paths. */
  private static final List<String> ENGINE_VARIABLES = List.of("engine", "processEngineName");

  private final Supplier<EndpointCatalog> catalog;
  private final AccessPolicy policy;
  private final IdentityService identityService;
  private final ObjectMapper json = new ObjectMapper();

  public AccessPolicyFilter(Supplier<EndpointCatalog> catalog, AccessPolicy policy, IdentityService identityService,
      String webappPath) {
    this.webappEngine = Pattern.compile("^" + Pattern.quote(webappPath) + "/api/engine(/engine(?:/([^/]+))?)?(/.*)?$");
    this.webappApi = Pattern.compile("^" + Pattern.quote(webappPath) + "(/api/.*)$");
    this.catalog = catalog;
    this.policy = policy;
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isCrossSite(request)) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "CrossSiteRequestRefused",
          "拒绝来自其他网站的请求：接口只接受本系统页面或非浏览器客户端的调用。 / "
              + "Cross-site request refused: the API accepts calls from this application's pages or non-browser clients only.");
      return;
    }
    String path = routedPath(request);
    if (!isPlain(request, path)) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "MalformedPath",
          "请求路径不规范（含路径参数、“..”、重复斜杠或编码的分隔符）。 / "
              + "The request path is not in plain form (path parameters, dot segments, doubled slashes or encoded separators).");
      return;
    }
    Matcher webapp = webappEngine.matcher(path);
    Matcher appApi = webappApi.matcher(path);
    if (!webapp.matches() && appApi.matches()) {
      checkWebappApi(request, response, chain, EndpointCatalog.WEBAPP_API + appApi.group(1).substring("/api".length()));
      return;
    }
    boolean viaWebapp = webapp.matches();
    Caller caller = viaWebapp
        ? sessionCaller(request.getSession(false), webapp.group(2) == null ? "default" : webapp.group(2))
        : engineCaller();
    if (caller == null) {
      // Not authenticated: the API's own authentication answers (401), the webapps their login.
      chain.doFilter(request, response);
      return;
    }
    String operationPath = canonical(path, webapp);
    if (caller.groups().contains(Groups.CAMUNDA_ADMIN)) {
      chain.doFilter(request, response);
      return;
    }
    List<Endpoint> operations = catalog.get().resolve(request.getMethod(), operationPath);
    if (allowed(policy.rolesOf(caller.groups()), operations)) {
      chain.doFilter(request, response);
    } else {
      refuseOperation(response, request.getMethod(), operationPath, operations);
    }
  }

  /**
   * A webapp's own API: the caller is the webapps' session login for the engine the path names. Without
   * one only what the allow-list grants {@link AccessPolicy#ANONYMOUS} passes (the login itself and the
   * plugins' scripts the login page loads); the rest answers 401, as the webapps expect to show their login.
   */
  private void checkWebappApi(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      String operationPath) throws IOException, ServletException {
    List<Endpoint> operations = catalog.get().resolve(request.getMethod(), operationPath);
    String engine = operations.isEmpty() ? "default" : operations.get(0).values(operationPath).entrySet().stream()
        .filter(value -> ENGINE_VARIABLES.contains(value.getKey())).map(Map.Entry::getValue).findFirst()
        .orElse("default");
    Caller caller = sessionCaller(request.getSession(false), engine);
    if (caller != null && caller.groups().contains(Groups.CAMUNDA_ADMIN)) {
      chain.doFilter(request, response);
      return;
    }
    Set<String> roles = caller == null ? Set.of(AccessPolicy.ANONYMOUS) : policy.rolesOf(caller.groups());
    if (allowed(roles, operations)) {
      chain.doFilter(request, response);
    } else if (caller == null) {
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationRequired",
          "请先登录。 / Please log in first.");
    } else {
      refuseOperation(response, request.getMethod(), operationPath, operations);
    }
  }

  private boolean allowed(Set<String> roles, List<Endpoint> operations) {
    return !operations.isEmpty() && operations.stream().allMatch(operation -> policy.allows(roles, operation));
  }

  private void refuseOperation(HttpServletResponse response, String method, String operationPath,
      List<Endpoint> operations) throws IOException {
    Endpoint refused = operations.isEmpty() ? new Endpoint(method, operationPath) : operations.get(0);
    String who = policy.allowedRolesText(refused);
    refuse(response, HttpServletResponse.SC_FORBIDDEN, "AccessDenied",
        "您的角色无权执行此操作：" + refused.key() + "（可执行的角色：" + who + "）。如确需此权限，请联系系统管理员"
            + "（见 docs/security.md）。 / Your role may not perform " + refused.key() + " (allowed: " + who
            + "); ask an administrator if you need it (docs/security.md).");
  }

  /** The path as the servlet container routed it: decoded, without path parameters. */
  static String routedPath(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    return request.getContextPath() + servletPath + pathInfo;
  }

  /** The raw path, percent-decoded, must be exactly the routed path: otherwise the two could disagree. */
  static boolean isPlain(HttpServletRequest request, String routedPath) {
    String raw = request.getRequestURI();
    if (raw == null || raw.contains(";") || raw.contains("//") || raw.contains("\\")) {
      return false;
    }
    String decoded = percentDecode(raw);
    if (decoded == null || decoded.contains("/./") || decoded.contains("/../") || decoded.endsWith("/.")
        || decoded.endsWith("/..")) {
      return false;
    }
    String lower = raw.toLowerCase();
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%3b")
        || lower.contains("%25")) {
      return false;
    }
    return decoded.equals(routedPath) || decoded.equals(routedPath + "/");
  }

  private static String percentDecode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        try {
          bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          return null;
        }
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String canonical(String path, Matcher webapp) {
    if (webapp.matches()) {
      if (webapp.group(2) == null) {
        // The list of engines (/api/engine/engine) or something else under the mount.
        return EndpointCatalog.ENGINE_REST + (webapp.group(1) == null ? "" : webapp.group(1))
            + (webapp.group(3) == null ? "" : webapp.group(3));
      }
      return EndpointCatalog.ENGINE_REST + (webapp.group(3) == null ? "" : webapp.group(3));
    }
    Matcher named = NAMED_ENGINE.matcher(path);
    return named.matches() ? EndpointCatalog.ENGINE_REST + named.group(2) : path;
  }

  /**
   * A browser says where a request comes from (Sec-Fetch-Site, Origin). Non-browser clients (Camunda
   * Modeler, portals, scripts) send neither and are not affected.
   */
  static boolean isCrossSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site")) {
      return true;
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getHost() == null) {
        return true;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      String host = request.getHeader("Host");
      if (host == null) {
        return true;
      }
      URI own = URI.create(request.getScheme() + "://" + host.trim());
      int ownPort = own.getPort() != -1 ? own.getPort() : "https".equalsIgnoreCase(own.getScheme()) ? 443 : 80;
      return !uri.getHost().equalsIgnoreCase(own.getHost()) || port != ownPort;
    } catch (IllegalArgumentException malformed) {
      return true;
    }
  }

  private record Caller(String userId, Collection<String> groups) {}

  private Caller engineCaller() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return null;
    }
    return new Caller(authentication.getUserId(),
        authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds());
  }

  private static Caller sessionCaller(HttpSession session, String engineName) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null
        || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
      return null;
    }
    return new Caller(user.getIdentityId(), user.getGroupIds() == null ? List.of() : user.getGroupIds());
  }

  private void refuse(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    Map<String, Object> error = new LinkedHashMap<>();
    // The engine REST API's own error shape, so Tasklist and REST clients show the message.
    error.put("type", type);
    error.put("message", message);
    response.getOutputStream().write(json.writeValueAsBytes(error));
  }
}
