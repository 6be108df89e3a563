package org.policyflow.shared.workingdays;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calendar, backed by the shared database, and its expression bean. Invalid calendar files stop the
 * start-up with their message; the table is created and seeded by {@link WorkingDayEnginePlugin} once the
 * engine (and on PostgreSQL the cluster start-up lock) is up.
 */
@Configuration
public class WorkingDayConfiguration {

  public static final String DIRECTORY_PROPERTY = "policyflow.working-days.directory";

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayConfiguration.class);

  @Bean
  CalendarYearStore calendarYearStore(DataSource dataSource) {
    return new CalendarYearStore(new JdbcTemplate(dataSource));
  }

  @Bean
  WorkingDayCalendar workingDayCalendar(@Value("${" + DIRECTORY_PROPERTY + ":}") String directory,
      CalendarYearStore store) {
    WorkingDayCalendar calendar = new WorkingDayCalendar(directory.isBlank() ? null : Path.of(directory.trim()), store);
    calendar.recordUseWith(new CalendarVersionRecorder());
    LOG.info("Working-day calendar files read (they seed years the database lacks); external directory {}",
        calendar.directory().map(Path::toAbsolutePath).map(Path::toString).orElse("none"));
    return calendar;
  }

  @Bean
  WorkingDayExpressions workingDays(WorkingDayCalendar calendar) {
    return new WorkingDayExpressions(calendar);
  }
}
