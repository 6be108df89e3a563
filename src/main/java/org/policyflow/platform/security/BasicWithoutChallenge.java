package org.policyflow.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP Basic for API clients (Modeler, portals, scripts), without the {@code WWW-Authenticate: Basic}
 * challenge on a 401. The challenge makes a browser ask for and then remember the credentials, and a
 * browser replays remembered Basic credentials on every later request to the site, also on requests
 * another site makes it send. Without the challenge a browser never holds such credentials; API clients
 * send them unasked.
 */
public class BasicWithoutChallenge extends HttpBasicAuthenticationProvider {

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // Deliberately no challenge (see the class comment).
  }
}
