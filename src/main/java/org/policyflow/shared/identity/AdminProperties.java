package org.policyflow.shared.identity;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first administrator: member of camunda-admin, created at start-up if absent. */
@ConfigurationProperties("policyflow.admin")
public record AdminProperties(String id, String password, String firstName, String lastName, String email) {

  static final int MINIMUM_PASSWORD_LENGTH = 12;
  private static final Set<String> DEFAULT_PASSWORDS =
      Set.of("demo", "admin", "password", "camunda", "changeme", "123456", "12345678", "policyflow");

  /**
   * Outside the demo setup, refuses a missing, default or short administrator password: a government
   * workflow server must never come up with a password anybody can read in the README.
   */
  public void requireSafeFor(boolean demo) {
    if (id == null || id.isBlank()) {
      throw new IllegalStateException(
          "未设置首个管理员账号（环境变量 POLICYFLOW_ADMIN_USER）。 "
              + "The first administrator's user id is missing: set POLICYFLOW_ADMIN_USER.");
    }
    if (demo) {
      return;
    }
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "未设置管理员密码（环境变量 POLICYFLOW_ADMIN_PASSWORD），拒绝启动。 "
              + "The administrator password is missing: set POLICYFLOW_ADMIN_PASSWORD. Start-up refused.");
    }
    if (DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT)) || password.equalsIgnoreCase(id)) {
      throw new IllegalStateException(
          "管理员密码为默认或弱密码，拒绝启动。 "
              + "The administrator password is a default or guessable password. Start-up refused.");
    }
    if (password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw new IllegalStateException(
          "管理员密码至少需要 " + MINIMUM_PASSWORD_LENGTH + " 个字符，拒绝启动。 "
              + "The administrator password needs at least " + MINIMUM_PASSWORD_LENGTH
              + " characters. Start-up refused.");
    }
  }
}
