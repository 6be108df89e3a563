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
 */
public class AuditSessionAuthenticationProvider extends BasicWithoutChallenge {

  static final String AUDIT_PATH = "/api/audit/";
  static final String COCKPIT = "cockpit";

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    if (request.getHeader("Authorization") == null && isSessionReadable(request)) {
      UserAuthentication user = cockpitUser(request.getSession(false), engine.getName());
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
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return ("GET".equals(method) || "HEAD".equals(method)) && path.startsWith(AUDIT_PATH);
  }

  private static UserAuthentication cockpitUser(HttpSession session, String engineName) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engineName);
    return authentication instanceof UserAuthentication user && user.isAuthorizedForApp(COCKPIT) ? user : null;
  }
}
