package org.policyflow.platform.startup;

import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts {@link EngineMappingPreparation} as soon as the configuration is known, about a second into the
 * start and several seconds before the engine is built.
 *
 * <p>The database type is taken from {@code camunda.bpm.database.type} if set, else from the JDBC address
 * ({@code jdbc:h2:} or {@code jdbc:postgresql:}, the two databases policyflow runs on). Any other address
 * starts nothing, and the engine reads its mappings itself, as it always did.
 */
public class EngineMappingPreparationStarter implements EnvironmentPostProcessor {

  /** Set to false to switch the preparation off (the engine then reads its mappings on its own). */
  public static final String ENABLED = "policyflow.startup.prepare-engine-mappings";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty(ENABLED, Boolean.class, true)) {
      return;
    }
    databaseType(environment).ifPresent(type -> EngineMappingPreparation.start(
        new EngineMappingPreparation.Key(type, environment.getProperty("camunda.bpm.database.table-prefix", ""))));
  }

  static Optional<String> databaseType(ConfigurableEnvironment environment) {
    String configured = environment.getProperty("camunda.bpm.database.type");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured.trim());
    }
    String url = environment.getProperty("spring.datasource.url", "").toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return Optional.of("h2");
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Optional.of("postgres");
    }
    return Optional.empty();
  }
}
