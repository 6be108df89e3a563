package org.policyflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.policyflow.testsupport.TasklistSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every operation the running application exposes (read from its JAX-RS resources, the webapps' JAX-RS
 * applications with their plugins, and Spring request mappings) × every role, as a demo user of that
 * role (and without a login), against the allow-list access-policy.yaml: each refused operation answers
 * 403 (401 without a login) before anything runs and the database is unchanged afterwards; each
 * permitted operation gets past the policy. The matrix is compared with the approved one in
 * src/test/resources/security/approved-matrix.txt, so an operation nobody has decided on (a new
 * endpoint, a changed rule) fails here; the README's "Who may do what" table must be the one generated
 * from the same allow-list.
 */
@PolicyflowIntegrationTest
class SecurityMatrixTest {

  /** One demo user per role. */
  static final Map<String, String> DEMO_USER = new LinkedHashMap<>();

  static {
    DEMO_USER.put("administrators", "demo");
    DEMO_USER.put("offices", "wanglixin");
    DEMO_USER.put("localities", "sunpeng");
    DEMO_USER.put("experts", "zhanghua");
    DEMO_USER.put("applicants", "huanglei");
    DEMO_USER.put("auditors", "qianfang");
    DEMO_USER.put("process-owners", "lintao");
    DEMO_USER.put("portals", "portal");
    DEMO_USER.put(AccessPolicy.ANONYMOUS, null);
  }

  @Autowired TestRestTemplate http;
  @Autowired AccessPolicy policy;
  @Autowired Supplier<EndpointCatalog> catalog;
  @Autowired DataSource dataSource;
  @Autowired IdentityService identityService;
  @Autowired FilterRegistrationBean<AccessPolicyFilter> accessPolicyFilter;
  private final Map<String, List<String>> groupCache = new java.util.HashMap<>();

  @Test
  void everyOperationTimesEveryRole_refusedCallsAnswer403AndChangeNothing() throws IOException {
    List<Endpoint> endpoints = catalog.get().endpoints();
    assertThat(endpoints).as("enumerated from the application").hasSizeGreaterThan(300)
        .anyMatch(e -> e.key().equals("POST /engine-rest/task/{id}/claim"))
        .anyMatch(e -> e.key().equals("POST /api/notices/{noticeInstanceId}/objections"))
        .anyMatch(e -> e.key().equals("POST /camunda/api/admin/auth/user/{processEngineName}/login/{appName}"))
        .anyMatch(e -> e.key().equals("GET /camunda/api/cockpit/plugin/base/{engine}/process-instance"))
        .anyMatch(e -> e.key().startsWith("GET /camunda/api/tasklist/plugin/"));
    assertThat(policy.roles()).extracting(r -> r.id()).containsExactlyElementsOf(DEMO_USER.keySet());

    // Logged in before the first snapshot: a login is not a call under test.
    Map<String, HttpHeaders> webappSessions = new LinkedHashMap<>();
    DEMO_USER.forEach((role, user) -> {
      if (user != null && !role.equals("administrators")) {
        webappSessions.put(role, TasklistSession.login(http, user, "welcome"));
      }
    });
    Map<String, List<String>> before = DatabaseSnapshot.of(dataSource);
    List<String> wrong = new ArrayList<>();
    StringBuilder matrix = new StringBuilder();
    int overHttp = 0;
    int webappOverHttp = 0;
    for (int index = 0; index < endpoints.size(); index++) {
      Endpoint endpoint = endpoints.get(index);
      Map<String, Boolean> decisions = policy.decisions(endpoint);
      matrix.append(endpoint.key()).append(" | ").append(decisions.entrySet().stream().filter(Map.Entry::getValue)
          .map(Map.Entry::getKey).collect(Collectors.joining(" "))).append('\n');
      for (Map.Entry<String, Boolean> decision : decisions.entrySet()) {
        String role = decision.getKey();
        boolean allowed = decision.getValue();
        String user = DEMO_USER.get(role);
        boolean webappApi = endpoint.template().startsWith(EndpointCatalog.WEBAPP_API + "/");
        if (user == null && !webappApi) {
          // Without a login the engine REST API and the project API answer 401 before the policy.
          if (allowed) {
            wrong.add(role + " " + endpoint.key() + " (nothing but the webapps' own APIs is open without a login)");
          } else if (index % 20 == 0) {
            ResponseEntity<String> response = call(null, endpoint);
            overHttp++;
            if (response.getStatusCode().value() != 401) {
              wrong.add(role + " " + endpoint.key() + " → " + response.getStatusCode().value() + " over HTTP (should be 401)");
            }
          }
          continue;
        }
        // Every operation × role through the application's own filter instance; every 20th refused one
        // (every refused one of the webapps' own APIs, with a webapp session) also over HTTP through the
        // whole server (kept few: a Basic login costs tens of ms here).
        int status = throughFilter(user, user == null ? List.of() : groupsOf(user), endpoint);
        int refusal = user == null ? 401 : 403;
        boolean refusedByPolicy = status == refusal;
        if (!allowed && webappApi) {
          ResponseEntity<String> response = callWebapp(webappSessions.get(role), endpoint);
          webappOverHttp++;
          // Without a session the webapps' CSRF filter may refuse a POST (403) before the policy does.
          refusedByPolicy &= user == null ? response.getStatusCode().value() == 401
              || response.getStatusCode().value() == 403 && !endpoint.method().equals("GET")
              : response.getStatusCode().value() == 403 && response.getBody() != null
                  && response.getBody().contains("\"AccessDenied\"");
        } else if (!allowed && index % 20 == 0 && !role.equals("administrators")) {
          ResponseEntity<String> response = call(DEMO_USER.get(role), endpoint);
          overHttp++;
          refusedByPolicy &= response.getStatusCode().value() == 403 && response.getBody() != null
              && response.getBody().contains("\"AccessDenied\"");
        }
        if (allowed == refusedByPolicy) {
          wrong.add(role + " " + endpoint.key() + " → " + status + " "
              + (allowed ? "(should pass the policy)" : "(should be refused by the policy)"));
        }
      }
    }
    assertThat(wrong).as("calls answered against the allow-list").isEmpty();
    assertThat(overHttp).isGreaterThan(50);
    assertThat(webappOverHttp).isGreaterThan(20);
    assertThat(DatabaseSnapshot.of(dataSource)).as("the refused calls left the database unchanged").isEqualTo(before);

    String approved = Files.readString(Path.of("src/test/resources/security/approved-matrix.txt"), StandardCharsets.UTF_8);
    if (!approved.equals(matrix.toString())) {
      Path actual = Path.of("target/security-matrix.txt");
      Files.createDirectories(actual.getParent());
      Files.writeString(actual, matrix.toString(), StandardCharsets.UTF_8);
    }
    assertThat(matrix.toString())
        .as("the matrix differs from the approved one: a new or changed operation needs a decision in "
            + "access-policy.yaml and in approved-matrix.txt (the current matrix is in target/security-matrix.txt)")
        .isEqualTo(approved);
  }

  @Test
  void everyRulePatternNamesAnExistingOperation() {
    assertThat(policy.patternsMatchingNothing(catalog.get())).isEmpty();
  }

  @Test
  void theReadmeTableIsTheOneGeneratedFromTheAllowList() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String start = "<!-- access-policy table: generated from src/main/resources/access-policy.yaml -->\n";
    String end = "<!-- end of access-policy table -->";
    String expected = AccessPolicyTable.markdown(policy);
    assertThat(readme).contains(start).contains(end);
    String table = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
    if (!table.equals(expected)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/access-policy-table.md"), expected, StandardCharsets.UTF_8);
    }
    assertThat(table).as("README table (expected in target/access-policy-table.md)").isEqualTo(expected);
  }

  /** The status the access policy answers; 200 = passed on to the engine or controller (not called here). */
  private int throughFilter(String user, List<String> groups, Endpoint endpoint) {
    MockHttpServletRequest request = new MockHttpServletRequest(endpoint.method(), sample(endpoint));
    request.setServletPath(sample(endpoint));
    MockHttpServletResponse response = new MockHttpServletResponse();
    if (endpoint.template().startsWith(EndpointCatalog.WEBAPP_API + "/")) {
      // The webapps' own APIs know the caller from the session their login fills.
      if (user != null) {
        UserAuthentication login = new UserAuthentication(user, "default");
        login.setGroupIds(groups);
        Authentications authentications = new Authentications();
        authentications.addOrReplace(login);
        MockHttpSession session = new MockHttpSession();
        AuthenticationUtil.updateSession(session, authentications);
        request.setSession(session);
      }
    } else if (user != null) {
      identityService.setAuthentication(user, groups);
    }
    try {
      accessPolicyFilter.getFilter().doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      identityService.clearAuthentication();
    }
    return response.getStatus();
  }

  private List<String> groupsOf(String user) {
    return groupCache.computeIfAbsent(user, id -> identityService.createGroupQuery().groupMember(id).list().stream()
        .map(g -> g.getId()).toList());
  }

  private ResponseEntity<String> call(String user, Endpoint endpoint) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE")
        || endpoint.method().equals("OPTIONS") ? new HttpEntity<>(headers) : new HttpEntity<>("{}", headers);
    TestRestTemplate client = user == null ? http : http.withBasicAuth(user, "demo");
    return client.exchange(sample(endpoint), HttpMethod.valueOf(endpoint.method()), body, String.class);
  }

  /** A webapp API call as the browser makes it: the session cookie and CSRF token, or no login at all. */
  private ResponseEntity<String> callWebapp(HttpHeaders session, Endpoint endpoint) {
    HttpHeaders headers = new HttpHeaders();
    if (session != null) {
      headers.addAll(session);
    } else {
      headers.add("X-XSRF-TOKEN", "Fetch");
    }
    headers.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE")
        || endpoint.method().equals("OPTIONS") ? new HttpEntity<>(headers) : new HttpEntity<>("{}", headers);
    return http.exchange(sample(endpoint), HttpMethod.valueOf(endpoint.method()), body, String.class);
  }

  /** A concrete path: the default engine where the webapps name it, a probe value elsewhere. */
  private static String sample(Endpoint endpoint) {
    String template = endpoint.template().replaceAll("\\{(engine|processEngineName)}", "default");
    return new Endpoint(endpoint.method(), template).sample("matrix-probe");
  }
}
