package org.policyflow.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * <p>The case dossier ({@value #DOSSIER_PATH}) is read and filled from Tasklist's tab 申报材料, so it
 * accepts the Tasklist (or Cockpit) login: reading like the audit API, and uploading a document only
 * with the CSRF token the webapp keeps in that session (header {@code X-XSRF-TOKEN}, as Tasklist's own
 * engine calls send it), so another site cannot make a logged-in browser upload.
 */
public class AuditSessionAuthenticationProvider extends BasicWithoutChallenge {

  static final String AUDIT_PATH = "/api/audit/";
  static final String COCKPIT = "cockpit";
  static final String TASKLIST = "tasklist";
  static final String CALENDAR_STATUS_PATH = "/api/calendar/status";
  static final String DOSSIER_PATH = "/api/dossiers/";
  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  /** Where the webapps' CsrfPreventionFilter keeps the session's token (CsrfConstants, an internal class). */
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    if (request.getHeader("Authorization") == null && isSessionReadable(request)) {
      boolean tasklistToo = CALENDAR_STATUS_PATH.equals(path(request)) || path(request).startsWith(DOSSIER_PATH);
      UserAuthentication user = sessionUser(request.getSession(false), engine.getName(),
          tasklistToo ? new String[] {COCKPIT, TASKLIST} : new String[] {COCKPIT});
      if (user != null) {
        AuthenticationResult result = AuthenticationResult.successful(user.getIdentityId());
        result.setGroups(user.getGroupIds());
        result.setTenants(user.getTenantIds());
        return result;
      }
    }
    return super.extractAuthenticatedUser(request, engine);
  }

  static boolean isSessionReadable(HttpServletRequest request) {
    String method = request.getMethod();
    String path = path(request);
    if ("POST".equals(method) && path.startsWith(DOSSIER_PATH)) {
      return hasSessionCsrfToken(request);
    }
    return ("GET".equals(method) || "HEAD".equals(method))
        && (path.startsWith(AUDIT_PATH) || CALENDAR_STATUS_PATH.equals(path) || path.startsWith(DOSSIER_PATH));
  }

  private static boolean hasSessionCsrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CSRF_SESSION_ATTRIBUTE);
    String sent = request.getHeader(CSRF_HEADER);
    return expected instanceof String token && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
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
