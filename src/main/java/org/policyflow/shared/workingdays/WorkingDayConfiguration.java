package org.policyflow.shared.workingdays;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The calendar and its expression bean; invalid calendar data stops the start-up with its message. */
@Configuration
public class WorkingDayConfiguration {

  public static final String DIRECTORY_PROPERTY = "policyflow.working-days.directory";

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayConfiguration.class);

  @Bean
  WorkingDayCalendar workingDayCalendar(@Value("${" + DIRECTORY_PROPERTY + ":}") String directory) {
    WorkingDayCalendar calendar = new WorkingDayCalendar(directory.isBlank() ? null : Path.of(directory.trim()));
    LOG.info("Working-day calendar loaded: years {}, external directory {}", calendar.years(),
        calendar.directory().map(Path::toAbsolutePath).map(Path::toString).orElse("none"));
    return calendar;
  }

  @Bean
  WorkingDayExpressions workingDays(WorkingDayCalendar calendar) {
    return new WorkingDayExpressions(calendar);
  }
}
