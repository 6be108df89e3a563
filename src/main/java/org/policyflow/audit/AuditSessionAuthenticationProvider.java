package org.policyflow.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.policyflow.platform.security.BasicWithoutChallenge;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Authentication of the project API (/api/…): HTTP Basic, as for the engine REST API, and in addition the
 * Cockpit login for the audit read endpoints. The audit plugins run inside Cockpit, whose user has a
 * webapp session but no Basic credentials; the webapps keep that login in the HTTP session (the same
 * {@link Authentications} the webapp's own API reads). Only GET and HEAD under /api/audit/ accept the
 * session: they change nothing, so they need no CSRF token, and every modifying endpoint keeps requiring
 * explicit credentials. The session counts only if its user may open Cockpit. Explicit Basic credentials
 * take precedence over a session.
 *
 * <p>The working-day calendar's state ({@value #CALENDAR_STATUS_PATH}, read-only) accepts the login of
 * Cockpit and of Tasklist alike: the early warning of a missing year is shown in both.
 *
 * <p>The case dossier ({@value #DOSSIER_PATH}) is read in Tasklist's 申报材料 tab and in Cockpit, so its GETs
 * accept both logins; its one modifying call, the upload at a task, accepts the Tasklist login only together
 * with the webapps' own CSRF token (header {@code X-XSRF-TOKEN} equal to the session's), as Tasklist's own
 * calls to the engine do, so another site cannot make a signed-in browser upload.
 *
 * <p>The read views Tasklist's own scripts show (the open calls 征集批次, 我的申报, and the choices of a start form's
 * select) accept the Tasklist login for GET; what each answers is decided by the endpoint for the signed-in
 * user, exactly as with Basic credentials.
 */
public class AuditSessionAuthenticationProvider extends BasicWithoutChallenge {

  static final String AUDIT_PATH = "/api/audit/";
  static final String COCKPIT = "cockpit";
  static final String TASKLIST = "tasklist";
  static final String CALENDAR_STATUS_PATH = "/api/calendar/status";
  static final String DOSSIER_PATH = "/api/dossiers/";
  private static final java.util.regex.Pattern DOSSIER_UPLOAD = java.util.regex.Pattern.compile(
      "/api/dossiers/tasks/[^/]+/documents");
  /** GET views of Tasklist's scripts (open-calls.js, my-cases.js, start-form-options.js). */
  private static final java.util.regex.Pattern TASKLIST_VIEWS = java.util.regex.Pattern.compile(
      "/api/(partner-calls/open|my-cases|start-forms/[^/]+/options)");
  /** Where the webapps' CSRF filter keeps the session's token (CsrfConstants of the webapp). */
  static final String CSRF_TOKEN_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  static final String CSRF_TOKEN_HEADER = "X-XSRF-TOKEN";

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String[] apps = request.getHeader("Authorization") == null ? sessionApps(request) : null;
    if (apps != null) {
      UserAuthentication user = sessionUser(request.getSession(false), engine.getName(), apps);
      if (user != null) {
        AuthenticationResult result = AuthenticationResult.successful(user.getIdentityId());
        result.setGroups(user.getGroupIds());
        result.setTenants(user.getTenantIds());
        return result;
      }
    }
    return super.extractAuthenticatedUser(request, engine);
  }

  /** The webapps whose login this request may use, or null when it needs explicit credentials. */
  static String[] sessionApps(HttpServletRequest request) {
    String path = path(request);
    if (isSessionReadable(request)) {
      return CALENDAR_STATUS_PATH.equals(path) ? new String[] {COCKPIT, TASKLIST} : new String[] {COCKPIT};
    }
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (read && path.startsWith(DOSSIER_PATH)) {
      return new String[] {TASKLIST, COCKPIT};
    }
    if (read && TASKLIST_VIEWS.matcher(path).matches()) {
      return new String[] {TASKLIST};
    }
    if ("POST".equals(request.getMethod()) && DOSSIER_UPLOAD.matcher(path).matches() && csrfTokenMatches(request)) {
      return new String[] {TASKLIST};
    }
    return null;
  }

  private static boolean csrfTokenMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String sent = request.getHeader(CSRF_TOKEN_HEADER);
    Object expected = session == null ? null : session.getAttribute(CSRF_TOKEN_SESSION_ATTRIBUTE);
    return sent != null && expected instanceof String token && java.security.MessageDigest.isEqual(
        token.getBytes(java.nio.charset.StandardCharsets.UTF_8), sent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static boolean isSessionReadable(HttpServletRequest request) {
    String method = request.getMethod();
    String path = path(request);
    return ("GET".equals(method) || "HEAD".equals(method))
        && (path.startsWith(AUDIT_PATH) || CALENDAR_STATUS_PATH.equals(path));
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static UserAuthentication sessionUser(HttpSession session, String engineName, String... apps) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engineName);
    if (authentication instanceof UserAuthentication user) {
      for (String app : apps) {
        if (user.isAuthorizedForApp(app)) {
          return user;
        }
      }
    }
    return null;
  }
}
