package org.policyflow.platform.jobs;

import java.sql.Timestamp;
import java.util.Date;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets the job executor find due jobs through an index instead of reading every job (docs/operations.md,
 * "Job executor"). Every open task with a due date carries two reminder timers and most carry a deadline
 * timer, so an office's job table holds tens of thousands of jobs that are due weeks or years ahead. The
 * engine's acquisition asks for {@code DUEDATE_ is null or DUEDATE_ <= now}; the {@code is null} half keeps
 * any index out, so each acquisition read the whole table (H2, 39,001 jobs: 16.6 ms median per acquisition
 * against 0.025 ms through the index; programme benchmark, figures jobAcquisition.*).
 *
 * <p>Four parts that only work together, so they live in one place:
 * <ul>
 *   <li>the engine's {@code ensureJobDueDateNotNull}: a job due at once (an asynchronous continuation, a
 *       message) gets "now" as its due date instead of none, and the acquisition leaves out the
 *       {@code is null} half;</li>
 *   <li>the index {@value #INDEX} on {@code ACT_RU_JOB(DUEDATE_)}, created by the application on H2 and
 *       PostgreSQL alike, so the acquisition reads only the jobs that are due;</li>
 *   <li>at every start, before the job executor runs, jobs without a due date get their creation time as
 *       one: the acquisition above would never find them again. They come from a database written before
 *       this setting, or from a node of the old version during a rolling restart;</li>
 *   <li>a management service that writes "now" where a caller clears a job's due date
 *       ({@code ManagementService.setJobDuedate}, {@code PUT /engine-rest/job/{id}/duedate}): the engine
 *       honours its own setting everywhere but there, and "no due date", which means "run as soon as
 *       possible", would leave the job unseen until the next start.</li>
 * </ul>
 * Runs after the engine has created or updated its schema, inside the cluster start-up lock like the
 * other schema steps; a second start or node changes nothing.
 */
@Component
@Order(6)
public class DueDateJobAcquisition extends AbstractProcessEnginePlugin {

  static final String INDEX = "PF_IDX_JOB_DUEDATE";

  private static final Logger LOG = LoggerFactory.getLogger(DueDateJobAcquisition.class);

  private final DataSource dataSource;

  public DueDateJobAcquisition(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnsureJobDueDateNotNull(true);
    configuration.setManagementService(new NoUndatedJobsManagementService(configuration));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    prepare(new JdbcTemplate(dataSource));
  }

  /** The index, and a due date for every job without one; returns how many jobs got one. */
  static int prepare(JdbcTemplate jdbc) {
    jdbc.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON ACT_RU_JOB (DUEDATE_)");
    // The engine clock, as the engine itself uses for due dates ("now" of a job created without one).
    int dated = jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = COALESCE(CREATE_TIME_, ?) WHERE DUEDATE_ IS NULL",
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
    if (dated > 0) {
      LOG.info("{} jobs without a due date were given their creation time as due date", dated);
    }
    return dated;
  }

  /** The engine's management service, except that clearing a job's due date makes it due now. */
  static class NoUndatedJobsManagementService extends ManagementServiceImpl {
    NoUndatedJobsManagementService(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    public void setJobDuedate(String jobId, Date newDuedate, boolean cascade) {
      if (newDuedate == null) {
        // No cascade: clearing the date never moved a timer's later repetitions, so "now" must not either.
        super.setJobDuedate(jobId, ClockUtil.getCurrentTime(), false);
      } else {
        super.setJobDuedate(jobId, newDuedate, cascade);
      }
    }
  }
}
