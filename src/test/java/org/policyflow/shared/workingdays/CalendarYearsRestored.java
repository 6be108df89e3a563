package org.policyflow.shared.workingdays;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each test the calendar it found: every integration test shares one application and so one
 * calendar table, and a test that confirms or imports a year (2027, say) must not make the next test's
 * "2027 is missing" untrue. Removes the year versions a test added and restores the calendar directory.
 * Use with {@code @ExtendWith(CalendarYearsRestored.class)} on a {@code @PolicyflowIntegrationTest}.
 */
public class CalendarYearsRestored implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CalendarYearsRestored.class);

  private record Before(Set<List<Integer>> versions, Path directory) {}

  @Override
  public void beforeEach(ExtensionContext context) {
    WorkingDayCalendar calendar = beans(context).getBean(WorkingDayCalendar.class);
    context.getStore(NAMESPACE).put(Before.class, new Before(versions(jdbc(context)), calendar.directory().orElse(null)));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Before before = context.getStore(NAMESPACE).remove(Before.class, Before.class);
    WorkingDayCalendar calendar = beans(context).getBean(WorkingDayCalendar.class);
    JdbcTemplate jdbc = jdbc(context);
    for (List<Integer> version : versions(jdbc)) {
      if (!before.versions().contains(version)) {
        jdbc.update("DELETE FROM " + CalendarYearStore.TABLE + " WHERE YEAR_ = ? AND REVISION_ = ?", version.get(0),
            version.get(1));
      }
    }
    beans(context).getBean(CalendarYearStore.class).invalidate();
    calendar.useDirectory(before.directory());
  }

  private static Set<List<Integer>> versions(JdbcTemplate jdbc) {
    return new HashSet<>(jdbc.query("SELECT YEAR_, REVISION_ FROM " + CalendarYearStore.TABLE,
        (rs, row) -> List.of(rs.getInt(1), rs.getInt(2))));
  }

  private static JdbcTemplate jdbc(ExtensionContext context) {
    return new JdbcTemplate(beans(context).getBean(DataSource.class));
  }

  private static ApplicationContext beans(ExtensionContext context) {
    return SpringExtension.getApplicationContext(context);
  }
}
