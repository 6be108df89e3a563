package org.policyflow.shared.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
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
  void aSafePasswordProvisionsTheAdministratorAndNoDemoUsers() {
    // The production profile's own settings, bound as the application binds them.
    try (ConfigurableApplicationContext settings = production("Tz-科委-2026-strong!")) {
      DemoProperties demo = settings.getBean(DemoProperties.class);
      assertThat(demo.enabled()).isFalse();

      // A separate plain in-memory engine, for the reason given at production(…).
      StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
      configuration.setProcessEngineName("productionProfileTest");
      configuration.setJdbcUrl("jdbc:h2:mem:production-profile-" + UUID.randomUUID());
      configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9][a-zA-Z0-9._-]*");
      configuration.setJobExecutorActivate(false);
      configuration.getProcessEnginePlugins().add(settings.getBean(IdentitySetup.class));
      ProcessEngine engine = configuration.buildProcessEngine();
      try {
        IdentityService identity = engine.getIdentityService();
        assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("opsadmin");
        assertThat(identity.createUserQuery().userId("opsadmin").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isOne();
        assertThat(identity.checkPassword("opsadmin", "Tz-科委-2026-strong!")).isTrue();
        assertThat(identity.createGroupQuery().groupId("tz-sti").count()).isOne();
      } finally {
        engine.close();
      }
    }
  }

  /** #16 finding 9: the production profile's session cookies travel over HTTPS only. */
  @Test
  void finding9_productionSessionCookiesAreSecure() {
    try (ConfigurableApplicationContext settings = production("Tz-科委-2026-strong!")) {
      var environment = settings.getEnvironment();
      assertThat(environment.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
      assertThat(environment.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie")).isEqualTo("true");
    }
  }

  /** Only the configuration properties: no engine, no web server. */
  @Configuration
  @EnableConfigurationProperties({AdminProperties.class, DemoProperties.class, IdentityProperties.class})
  static class ProfileSettings {}

  private static void assertRefused(String password, String expectedInMessage) {
    assertThatThrownBy(() -> production(password).close())
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(expectedInMessage)
        .hasMessageContaining("拒绝启动");
  }

  /**
   * Starts the production profile's configuration and the engine plugin that provisions identity, as the
   * application does before it builds the engine, with the administrator coming from the environment.
   * The full application is not started here: a second Camunda Boot application in this JVM would take
   * over the webapps' static engine registry that the shared test context relies on.
   */
  private static ConfigurableApplicationContext production(String password) {
    return new SpringApplicationBuilder(ProfileSettings.class, IdentitySetup.class)
        .web(WebApplicationType.NONE)
        .profiles("production")
        // Command-line arguments stand in for the environment variables of a production start.
        .run("--POLICYFLOW_ADMIN_USER=opsadmin", "--POLICYFLOW_ADMIN_PASSWORD=" + password);
  }
}
