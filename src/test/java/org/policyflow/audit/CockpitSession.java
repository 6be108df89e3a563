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

/** A Cockpit login as the browser makes it: session cookie plus the webapps' CSRF token. */
record CockpitSession(String cookies, String csrfToken) {

  static CockpitSession login(TestRestTemplate http, String user, String password) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/cockpit/default/", String.class);
    String session = cookie(page.getHeaders(), "JSESSIONID");
    String xsrf = cookie(page.getHeaders(), "XSRF-TOKEN");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf);
    headers.add("X-XSRF-TOKEN", xsrf);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", password);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/cockpit",
        HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    if (login.getStatusCode() != HttpStatus.OK) {
      throw new IllegalStateException("Cockpit login failed: " + login.getStatusCode() + " " + login.getBody());
    }
    // The login renews the session id against session fixation; the token may be renewed with it.
    String renewed = cookie(login.getHeaders(), "JSESSIONID");
    String renewedXsrf = cookie(login.getHeaders(), "XSRF-TOKEN");
    return new CockpitSession("JSESSIONID=" + (renewed == null ? session : renewed) + "; XSRF-TOKEN="
        + (renewedXsrf == null ? xsrf : renewedXsrf), renewedXsrf == null ? xsrf : renewedXsrf);
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
