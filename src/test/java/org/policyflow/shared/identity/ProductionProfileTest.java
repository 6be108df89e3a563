package org.policyflow.shared.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The production profile has no demo users and refuses to start without a safe administrator password. */
class ProductionProfileTest {

  @Test
  void aMissingPasswordIsRefused() {
    assertRefused("", "POLICYFLOW_ADMIN_PASSWORD");
  }

  @Test
  void aDefaultPasswordIsRefused() {
    assertRefused("demo", "default");
    assertRefused("Camunda", "default");
    assertRefused("opsadmin", "default");
  }

  @Test
  void aShortPasswordIsRefused() {
    assertRefused("Sh0rt-pass", "12");
  }

  @Test
  void aMissingAdministratorIsRefused() {
    assertThatThrownBy(() -> new AdminProperties("", "a-long-enough-secret", "系统", "管理员", null).requireSafeFor(false))
        .hasMessageContaining("POLICYFLOW_ADMIN_USER");
  }

  @Test
  void theDemoSetupAcceptsTheDemoPassword() {
    new AdminProperties("demo", "demo", "演示", "管理员", null).requireSafeFor(true);
  }

  @Test
  void aSafePasswordStartsTheSystemWithTheAdministratorAndNoDemoUsers() {
    try (ConfigurableApplicationContext context = production("Tz-科委-2026-strong!")) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().userId("opsadmin").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isOne();
      assertThat(identity.checkPassword("opsadmin", "Tz-科委-2026-strong!")).isTrue();
      assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("opsadmin");
      assertThat(identity.createUserQuery().memberOfGroup("experts").count()).isZero();
      assertThat(identity.createGroupQuery().groupId("tz-sti").count()).isOne();
    }
  }

  private static void assertRefused(String password, String expectedInMessage) {
    assertThatThrownBy(() -> production(password).close())
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(expectedInMessage)
        .hasMessageContaining("拒绝启动");
  }

  private static ConfigurableApplicationContext production(String password) {
    return new SpringApplicationBuilder(PolicyflowApplication.class)
        .profiles("production")
        .run(
            // Command-line arguments: they outrank application.yaml, as the environment does in production.
            "--POLICYFLOW_ADMIN_USER=opsadmin",
            "--POLICYFLOW_ADMIN_PASSWORD=" + password,
            "--spring.datasource.url=jdbc:h2:mem:production-profile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false");
  }
}
