package org.policyflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Boots the whole application: webapps answer, the REST API needs credentials and accepts the demo admin. */
@PolicyflowIntegrationTest
class SmokeTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identityService;

  @Test
  void restApiRefusesAnonymousCalls() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/version", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void restApiRefusesAWrongPassword() {
    // A user of its own: after a wrong password the engine throttles that user's logins, which must not
    // hit the demo users other tests log in with (with a moved engine clock the lock can last long).
    User user = identityService.newUser("smoke-test-user");
    user.setPassword("the-right-password");
    identityService.saveUser(user);
    try {
      assertThat(http.withBasicAuth("smoke-test-user", "wrong").getForEntity("/engine-rest/user", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    } finally {
      identityService.deleteUser("smoke-test-user");
    }
  }

  @Test
  void restApiAnswersTheDemoAdministrator() {
    ResponseEntity<String> version = http.withBasicAuth("demo", "demo").getForEntity("/engine-rest/version", String.class);
    assertThat(version.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(version.getBody()).contains("7.24.0");
  }

  @Test
  void webappsAnswer() {
    for (String app : new String[] {"tasklist", "cockpit", "admin", "welcome"}) {
      ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
      assertThat(page.getStatusCode()).as(app + " answered " + page.getBody()).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody()).as(app).contains("<html");
    }
    assertThat(http.getForEntity("/", String.class).getStatusCode().is2xxSuccessful()
        || http.getForEntity("/", String.class).getStatusCode().is3xxRedirection()).isTrue();
  }
}
