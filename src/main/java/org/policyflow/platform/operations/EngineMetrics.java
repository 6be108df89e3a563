package org.policyflow.platform.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Engine figures for Prometheus: jobs due and failed, open incidents, open tasks per candidate group, and
 * this node's job acquisition and execution counts. They come from database queries, so they are read
 * by one background thread every {@code policyflow.metrics.refresh} (30 s) and a scrape only reads the
 * last snapshot: any number of scrapes costs the database nothing, and a slow database delays the figures,
 * not the scrape. {@code policyflow_engine_metrics_age_seconds} says how old the snapshot is.
 *
 * <p>Jobs, incidents and tasks are database-wide: every node of a cluster reports the same value (use
 * {@code max} across instances). The acquisition and execution counters are this node's own: what the
 * engine's metrics reporter has written to its meter log for this node's reporter id plus what it has
 * counted since its last report.
 */
@Component
public class EngineMetrics implements MeterBinder, SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);
  private static final String PREFIX = "policyflow.engine.";
  /** The engine's own counters of the job executor, in the order of its metric names. */
  static final List<String> JOB_COUNTERS = List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED,
      Metrics.JOB_LOCKED_EXCLUSIVE);
  static final List<String> INCIDENT_TYPES = List.of(Incident.FAILED_JOB_HANDLER_TYPE,
      Incident.EXTERNAL_TASK_HANDLER_TYPE);

  private final ProcessEngine engine;
  private final ProcessEngineConfigurationImpl configuration;
  private final Duration refresh;
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile MultiGauge tasksByGroup;
  private ScheduledExecutorService scheduler;

  public EngineMetrics(ProcessEngine engine, ProcessEngineConfigurationImpl configuration,
      @Value("${policyflow.metrics.refresh:PT30S}") Duration refresh) {
    this.engine = engine;
    this.configuration = configuration;
    this.refresh = refresh;
  }

  /** Database figures at one moment; counters hold the meter log's sums (without the unreported part). */
  record Snapshot(long refreshedAtMillis, long jobsDue, long jobsFailed, Map<String, Long> incidents,
      Map<String, Integer> tasksByGroup, Map<String, Long> reportedCounters) {
    static final Snapshot EMPTY = new Snapshot(0, 0, 0, Map.of(), Map.of(), Map.of());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(PREFIX + "jobs.due", this, m -> m.snapshot.jobsDue())
        .description("Jobs ready to run now (timers due, asynchronous steps), all nodes").register(registry);
    Gauge.builder(PREFIX + "jobs.failed", this, m -> m.snapshot.jobsFailed())
        .description("Jobs without retries left (each one is an open incident)").register(registry);
    for (String type : INCIDENT_TYPES) {
      Gauge.builder(PREFIX + "incidents.open", this, m -> m.snapshot.incidents().getOrDefault(type, 0L))
          .tags("type", type).description("Open incidents by type").register(registry);
    }
    for (String name : JOB_COUNTERS) {
      FunctionCounter.builder(PREFIX + "job.executor." + name.replace('-', '.'), this, m -> m.counter(name))
          .description("This node's engine metric '" + name + "' since the database was created")
          .register(registry);
    }
    Gauge.builder(PREFIX + "metrics.age", this, EngineMetrics::ageSeconds).baseUnit("seconds")
        .description("Age of the engine figures (refreshed in the background)").register(registry);
    tasksByGroup = MultiGauge.builder(PREFIX + "tasks.open")
        .description("Open user tasks per candidate group (group '-' = tasks without candidate group)")
        .register(registry);
    publishTaskGauges(snapshot);
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** Reads every figure once; runs on the refresh thread (and directly in tests). */
  void refresh() {
    var management = engine.getManagementService();
    long due = management.createJobQuery().executable().count();
    long failed = management.createJobQuery().noRetriesLeft().count();
    Map<String, Long> incidents = new LinkedHashMap<>();
    for (String type : INCIDENT_TYPES) {
      incidents.put(type, engine.getRuntimeService().createIncidentQuery().incidentType(type).count());
    }
    Map<String, Integer> tasks = new LinkedHashMap<>();
    engine.getTaskService().createTaskReport().taskCountByCandidateGroup()
        .forEach(row -> tasks.put(row.getGroupName() == null ? "-" : row.getGroupName(), row.getTaskCount()));
    Map<String, Long> reported = new LinkedHashMap<>();
    String reporter = reporterId();
    if (configuration.isMetricsEnabled() && reporter != null) {
      for (String name : JOB_COUNTERS) {
        reported.put(name, management.createMetricsQuery().name(name).reporter(reporter).sum());
      }
    }
    Snapshot next = new Snapshot(System.currentTimeMillis(), due, failed, incidents, tasks, reported);
    snapshot = next;
    publishTaskGauges(next);
  }

  private void publishTaskGauges(Snapshot current) {
    MultiGauge gauge = tasksByGroup;
    if (gauge != null) {
      gauge.register(current.tasksByGroup().entrySet().stream()
          .map(e -> MultiGauge.Row.of(Tags.of("group", e.getKey()), e.getValue())).toList(), true);
    }
  }

  private double counter(String name) {
    Meter pending = configuration.getMetricsRegistry() == null ? null
        : configuration.getMetricsRegistry().getDbMeterByName(name);
    return snapshot.reportedCounters().getOrDefault(name, 0L) + (pending == null ? 0 : pending.get());
  }

  private double ageSeconds() {
    long at = snapshot.refreshedAtMillis();
    return at == 0 ? Double.NaN : (System.currentTimeMillis() - at) / 1000.0;
  }

  private String reporterId() {
    var reporter = configuration.getDbMetricsReporter();
    return reporter == null || reporter.getMetricsCollectionTask() == null ? null
        : reporter.getMetricsCollectionTask().getReporter();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // The figures keep their last values and their age grows; the health endpoint reports the cause.
      LOG.warn("Engine metrics not refreshed: {}", e.toString());
    }
  }

  @Override
  public void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "policyflow-engine-metrics");
      thread.setDaemon(true);
      return thread;
    });
    // The first read waits a little so that it does not compete with the rest of start-up.
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 5_000, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
