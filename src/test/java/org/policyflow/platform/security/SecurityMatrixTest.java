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
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every operation the running application exposes (read from its JAX-RS resources and Spring request
 * mappings) × every role, as a demo user of that role, against the allow-list access-policy.yaml:
 * each refused operation answers 403 before anything runs and the database is unchanged afterwards;
 * each permitted read gets past the policy. The matrix is compared with the approved one in
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
        .anyMatch(e -> e.key().equals("POST /api/notices/{noticeInstanceId}/objections"));
    assertThat(policy.roles()).extracting(r -> r.id()).containsExactlyElementsOf(DEMO_USER.keySet());

    Map<String, List<String>> before = DatabaseSnapshot.of(dataSource);
    List<String> wrong = new ArrayList<>();
    StringBuilder matrix = new StringBuilder();
    int overHttp = 0;
    for (int index = 0; index < endpoints.size(); index++) {
      Endpoint endpoint = endpoints.get(index);
      Map<String, Boolean> decisions = policy.decisions(endpoint);
      matrix.append(endpoint.key()).append(" | ").append(decisions.entrySet().stream().filter(Map.Entry::getValue)
          .map(Map.Entry::getKey).collect(Collectors.joining(" "))).append('\n');
      for (Map.Entry<String, Boolean> decision : decisions.entrySet()) {
        String role = decision.getKey();
        boolean allowed = decision.getValue();
        // Every operation × role through the application's own filter instance; every 20th refused one
        // also over HTTP through the whole server (kept few: a Basic login costs tens of ms here).
        int status = throughFilter(DEMO_USER.get(role), groupsOf(DEMO_USER.get(role)), endpoint);
        boolean refusedByPolicy = status == 403;
        if (!allowed && index % 20 == 0 && !role.equals("administrators")) {
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
    MockHttpServletRequest request = new MockHttpServletRequest(endpoint.method(), endpoint.sample("matrix-probe"));
    request.setServletPath(endpoint.sample("matrix-probe"));
    MockHttpServletResponse response = new MockHttpServletResponse();
    identityService.setAuthentication(user, groups);
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
    return http.withBasicAuth(user, "demo").exchange(endpoint.sample("matrix-probe"),
        HttpMethod.valueOf(endpoint.method()), body, String.class);
  }
}
