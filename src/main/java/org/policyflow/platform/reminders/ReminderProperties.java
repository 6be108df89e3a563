package org.policyflow.platform.reminders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Due-date reminders for user tasks.
 *
 * @param lead how long before the due date the "due soon" reminder goes out
 * @param mail e-mail delivery; the SMTP server itself is Spring Boot's {@code spring.mail.*}
 */
@ConfigurationProperties("policyflow.reminders")
public record ReminderProperties(Duration lead, Mail mail) {

  public ReminderProperties {
    lead = lead == null ? Duration.ofDays(1) : lead;
    mail = mail == null ? new Mail(false, null) : mail;
  }

  /**
   * @param enabled send e-mails (off by default: a demo or test machine has no SMTP server)
   * @param from sender address
   */
  public record Mail(boolean enabled, String from) {}
}
