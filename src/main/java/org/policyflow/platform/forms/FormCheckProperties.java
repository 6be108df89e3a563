package org.policyflow.platform.forms;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server-side form check ({@code policyflow.forms.*}).
 *
 * @param textLimit the longest text (characters) a field without its own maxLength accepts
 *     (FORM-TEXT-LIMIT); texts over 4,000 characters are stored as JSON, which the database accepts
 */
@ConfigurationProperties(prefix = "policyflow.forms")
public record FormCheckProperties(Integer textLimit) {

  public FormCheckProperties {
    if (textLimit == null) {
      textLimit = 20_000;
    }
    if (textLimit < 1) {
      throw new IllegalArgumentException("policyflow.forms.text-limit must be positive");
    }
  }
}
