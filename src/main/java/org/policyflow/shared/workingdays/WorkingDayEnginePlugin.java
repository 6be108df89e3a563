package org.policyflow.shared.workingdays;

import java.util.SortedSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the working-day syntax ({@code PnWD}) in the engine's "duration" calendar (timeDuration)
 * and "dueDate" calendar (timeDate, user task due dates). Cycles keep Camunda's calendar: a repeating
 * timer recomputes its next run through ISO-only code, so {@code PnWD} could not repeat reliably.
 *
 * <p>Once the engine is built it creates the calendar table where missing and seeds it with the years of
 * the calendar files that the database does not hold. It runs before the models are deployed
 * ({@code ModelDeployer}, order 10) and, on PostgreSQL, under the cluster start-up lock, so two nodes
 * starting together do not both create or seed it.
 */
@Component
@Order(5)
public class WorkingDayEnginePlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayEnginePlugin.class);

  private final WorkingDayCalendar calendar;

  public WorkingDayEnginePlugin(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
    manager.addBusinessCalendar(DurationBusinessCalendar.NAME,
        new WorkingDayBusinessCalendar(new DurationBusinessCalendar(), calendar));
    manager.addBusinessCalendar(DueDateBusinessCalendar.NAME,
        new WorkingDayBusinessCalendar(new DueDateBusinessCalendar(), calendar));
    manager.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
    configuration.setBusinessCalendarManager(manager);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    calendar.store().ifPresent(store -> {
      store.createSchema();
      SortedSet<Integer> seeded = calendar.importMissingYears("system");
      LOG.info("Working-day calendar in the database: years {}{}", calendar.years(),
          seeded.isEmpty() ? "" : " (seeded from calendar files: " + seeded + ")");
    });
  }
}
