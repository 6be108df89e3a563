package org.policyflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Logs a demo user into Tasklist as the browser does, for tests of the webapps' session API. */
public final class TasklistSession {

  private TasklistSession() {}

  /** A Tasklist session: the login form's cookies plus the CSRF token the webapps send back as a header. */
  public static HttpHeaders login(TestRestTemplate http, String user) {
    return login(http, user, "tasklist");
  }

  /** The same login into another webapp ("cockpit", "welcome", …), which the user must be allowed to open. */
  public static HttpHeaders login(TestRestTemplate http, String user, String app) {
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    MultiValueMap<String, String> credentials = new LinkedMultiValueMap<>();
    credentials.add("username", user);
    credentials.add("password", "demo");
    // The login endpoint itself wants a CSRF token: a first GET hands one out.
    HttpHeaders fetch = new HttpHeaders();
    fetch.add("X-XSRF-TOKEN", "Fetch");
    ResponseEntity<String> page = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(fetch), String.class);
    StringBuilder cookies = new StringBuilder();
    collectCookies(page.getHeaders(), cookies);
    String token = page.getHeaders().getFirst("X-XSRF-TOKEN");
    if (token == null) {
      token = cookieValue(cookies.toString(), "XSRF-TOKEN");
    }
    form.add(HttpHeaders.COOKIE, cookies.toString());
    form.add("X-XSRF-TOKEN", token);
    ResponseEntity<String> login = http.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
        new HttpEntity<>(credentials, form), String.class);
    assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
    collectCookies(login.getHeaders(), cookies);
    String newToken = login.getHeaders().getFirst("X-XSRF-TOKEN");
    if (newToken == null) {
      newToken = cookieValue(cookies.toString(), "XSRF-TOKEN");
    }
    // The login renews the session; the webapps' CSRF filter gives the new session its token on the next
    // request, as Tasklist's first calls after a login do.
    HttpHeaders probe = new HttpHeaders();
    probe.add(HttpHeaders.COOKIE, cookies.toString());
    probe.add("X-XSRF-TOKEN", "Fetch");
    ResponseEntity<String> first = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(probe), String.class);
    collectCookies(first.getHeaders(), cookies);
    String sessionToken = first.getHeaders().getFirst("X-XSRF-TOKEN");
    if (sessionToken == null) {
      sessionToken = cookieValue(cookies.toString(), "XSRF-TOKEN");
    }
    HttpHeaders session = new HttpHeaders();
    session.add(HttpHeaders.COOKIE, cookies.toString());
    session.add("X-XSRF-TOKEN", sessionToken != null ? sessionToken : newToken != null ? newToken : token);
    return session;
  }

  private static String cookieValue(String cookies, String name) {
    String value = null;
    for (String cookie : cookies.split("; ")) {
      if (cookie.startsWith(name + "=")) {
        value = cookie.substring(name.length() + 1);
      }
    }
    return value;
  }

  /** Adds the response's cookies, a new value replacing an old one (the login renews the session id). */
  private static void collectCookies(HttpHeaders headers, StringBuilder cookies) {
    List<String> setCookies = headers.get(HttpHeaders.SET_COOKIE);
    if (setCookies == null) {
      return;
    }
    Map<String, String> jar = new java.util.LinkedHashMap<>();
    for (String cookie : cookies.toString().split("; ")) {
      if (cookie.contains("=")) {
        jar.put(cookie.substring(0, cookie.indexOf('=')), cookie.substring(cookie.indexOf('=') + 1));
      }
    }
    for (String cookie : setCookies) {
      String pair = cookie.indexOf(';') > 0 ? cookie.substring(0, cookie.indexOf(';')) : cookie;
      jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    cookies.setLength(0);
    jar.forEach((name, value) -> cookies.append(cookies.length() > 0 ? "; " : "").append(name).append('=').append(value));
  }
}
