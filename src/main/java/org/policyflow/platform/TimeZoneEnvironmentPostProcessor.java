package org.policyflow.platform;

import java.time.ZoneId;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Every date and deadline in the policies is China Standard Time. The engine stores and compares
 * java.util.Date values in the JVM's default zone, so the zone is fixed before the engine starts,
 * whatever the host's zone is.
 */
public class TimeZoneEnvironmentPostProcessor implements EnvironmentPostProcessor {

  public static final String PROPERTY = "policyflow.time-zone";
  public static final String DEFAULT_ZONE = "Asia/Shanghai";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    ZoneId zone = ZoneId.of(environment.getProperty(PROPERTY, DEFAULT_ZONE));
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
  }
}
