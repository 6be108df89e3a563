package org.policyflow.audit;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A Cockpit (or Tasklist) login as the browser makes it: session cookie plus the webapps' CSRF token. */
record CockpitSession(String cookies, String csrfToken) {

  static CockpitSession login(TestRestTemplate http, String user, String password) {
    return login(http, user, password, "cockpit");
  }

  static CockpitSession login(TestRestTemplate http, String user, String password, String app) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
    String session = cookie(page.getHeaders(), "JSESSIONID");
    String xsrf = cookie(page.getHeaders(), "XSRF-TOKEN");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf);
    headers.add("X-XSRF-TOKEN", xsrf);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", password);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
        HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    if (login.getStatusCode() != HttpStatus.OK) {
      throw new IllegalStateException(app + " login failed: " + login.getStatusCode() + " " + login.getBody());
    }
    // The login renews the session id against session fixation; the token may be renewed with it.
    String renewed = cookie(login.getHeaders(), "JSESSIONID");
    String renewedXsrf = cookie(login.getHeaders(), "XSRF-TOKEN");
    String sessionId = renewed == null ? session : renewed;
    // The renewed session gets its CSRF token with the next page the browser loads, as after a login.
    HttpHeaders next = new HttpHeaders();
    next.add(HttpHeaders.COOKIE, "JSESSIONID=" + sessionId);
    String issued = cookie(http.exchange("/camunda/app/" + app + "/default/", HttpMethod.GET, new HttpEntity<>(next),
        String.class).getHeaders(), "XSRF-TOKEN");
    String token = issued != null ? issued : renewedXsrf != null ? renewedXsrf : xsrf;
    return new CockpitSession("JSESSIONID=" + sessionId + "; XSRF-TOKEN=" + token, token);
  }

  HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, cookies);
    headers.add("X-XSRF-TOKEN", csrfToken);
    return headers;
  }

  private static String cookie(HttpHeaders headers, String name) {
    List<String> cookies = headers.get(HttpHeaders.SET_COOKIE);
    if (cookies == null) {
      return null;
    }
    return cookies.stream().filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1).split(";")[0])
        .findFirst().orElse(null);
  }
}
