package org.policyflow.benchmark;

import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowApplication;
import org.policyflow.partner.PartnerFixtures;
import org.policyflow.platform.forms.SubmissionBoundaryFilter;
import org.policyflow.partner.PartnerProgrammeAnswers;
import org.policyflow.shared.dossier.DossierCaller;
import org.policyflow.shared.dossier.DossierService;
import org.policyflow.shared.identity.IdentityProperties;
import org.policyflow.shared.quota.QuotaService;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Programme-scale benchmark (docs/benchmark.md), run with {@code scripts/benchmark.sh} or
 * {@code mvn -B -Pbenchmark test}, never in the normal test run. One JVM, one application on an H2 file
 * database with the job executor on: a warm-up, then the partner programme with 1,000 applications
 * twice — no-op delegates (the bare engine) and the real rules — then the Tasklist task query at 10,000
 * open tasks through REST as a clerk, then the quota check at a growing number of applications.
 * Figures go to stdout, one line each, and to {@code target/benchmark/result.json}.
 */
@SpringBootTest(classes = PolicyflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("benchmark")
@Import(BareDelegates.class)
// Its own application context and database: closed after the class, so that the other benchmark of the same
// run (mvn -Pbenchmark test runs both) does not measure on this one's data.
@DirtiesContext
class PartnerProgrammeBenchmark {

  static final ZoneId ZONE = PartnerFixtures.ZONE;
  static final Path OUTPUT = Path.of("target", "benchmark");
  static final String CLERK = "sunpeng";
  /** The tz-sti officer who signs for the commission and verifies violations. */
  static final DossierCaller OFFICER = new DossierCaller("wanglixin", List.of("tz-sti"));
  static final String CLERK_GROUP = "tz-locality-songzhuang";
  static final LocalDate DEADLINE = LocalDate.of(2026, 3, 20);
  static final int LOCALITY_QUOTA = 3;
  static final int PLACES = 20;

  final int applications = Integer.getInteger("benchmark.applications", 1000);
  final int warmupApplications = Integer.getInteger("benchmark.warmupApplications", 200);
  final int openTasks = Integer.getInteger("benchmark.openTasks", 10_000);
  final int requests = Integer.getInteger("benchmark.requests", 100);
  final int pairCount = Math.max(3, Integer.getInteger("benchmark.pairs", 3));
  final int tasklistRounds = Integer.getInteger("benchmark.tasklistRounds", 3);
  final int warmupRequests = Integer.getInteger("benchmark.warmupRequests", 30);
  final int[] quotaSizes = Arrays.stream(System.getProperty("benchmark.quotaSizes", "100,1000,5000").split(","))
      .mapToInt(Integer::parseInt).toArray();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired FilterService filterService;
  @Autowired IdentityProperties identity;
  @Autowired WorkingDayCalendar calendar;
  @Autowired QuotaService quotas;
  @Autowired DossierService dossiers;
  @Autowired SubmissionBoundaryFilter boundary;
  @LocalServerPort int port;

  final BenchmarkFigures figures = new BenchmarkFigures();
  PartnerFixtures fixtures;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    BareDelegates.bare = false;
  }

  @Test
  void partnerProgramme() throws Exception {
    // The history figures have their own class (HistoryBenchmark).
    org.junit.jupiter.api.Assumptions.assumeFalse("history".equals(System.getProperty("benchmark.only")));
    fixtures = new PartnerFixtures(engine);
    BareDelegates.applicationClosesAt = Date.from(WorkingDayCalendar.endOfDay(DEADLINE).toInstant());
    BareDelegates.recommendationClosesAt = calendar.periodEnd(
        Date.from(DEADLINE.atStartOfDay(ZONE).toInstant()), 10);
    BareDelegates.localityQuota = LOCALITY_QUOTA;
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    figures.detail("configuration", Map.of(
        "applications", applications, "warmupApplications", warmupApplications, "localities", identity.localities().size(),
        "database", configuration.getDatabaseType().equals("h2") ? "H2 file (fresh, target/benchmark/db)"
            : configuration.getDatabaseType() + " (" + System.getProperty("spring.datasource.url") + ")", "historyLevel", configuration.getHistory(),
        "authorizationCheckRevokes", configuration.getAuthorizationCheckRevokes(),
        "jobExecutor", Map.of("active", configuration.getJobExecutor().isActive(),
            "waitTimeInMillis", configuration.getJobExecutor().getWaitTimeInMillis(),
            "maxWait", configuration.getJobExecutor().getMaxWait(),
            "maxJobsPerAcquisition", configuration.getJobExecutor().getMaxJobsPerAcquisition())));
    Assertions.assertThat(configuration.getJobExecutor().isActive()).as("the job executor does the timer work").isTrue();

    if ("dossier".equals(System.getProperty("benchmark.only"))) {
      dossierTab();
      System.out.println("benchmark result file " + figures.write(OUTPUT).toAbsolutePath());
      return;
    }
    if ("quota".equals(System.getProperty("benchmark.only"))) {
      quotaSeries();
      System.out.println("benchmark result file " + figures.write(OUTPUT).toAbsolutePath());
      return;
    }
    if ("tasklist".equals(System.getProperty("benchmark.only"))) {
      // Only the Tasklist query, e.g. against PostgreSQL (docs/benchmark.md).
      tasklistQuery();
      jobAcquisition();
      System.out.println("benchmark result file " + figures.write(OUTPUT).toAbsolutePath());
      return;
    }
    startupFromScript();

    // Warm-up: both variants once at a small size (class loading, JIT, caches), not reported as figures.
    runProgramme("TZP-2026-W1", false, warmupApplications, 10_000);
    runProgramme("TZP-2026-W2", true, warmupApplications, 20_000);

    // Pairs of one bare and one rules run in alternating order (bare, rules | rules, bare | bare, rules …,
    // ABBA…): what drifts over the runs (the database grows, the JIT and caches settle) weighs on both
    // variants alike. One pair swings by 0.2x on this machine, so the goal is judged on the median of at
    // least three pairs and the spread is printed beside it.
    List<Run[]> pairs = new ArrayList<>();
    Map<String, Object> runs = new LinkedHashMap<>();
    for (int i = 0; i < pairCount; i++) {
      boolean bareFirst = i % 2 == 0;
      Run first = runProgramme("TZP-2026-P" + (i + 1) + (bareFirst ? "B" : "R"), bareFirst, applications,
          100_000 * (2 * i + 1));
      Run second = runProgramme("TZP-2026-P" + (i + 1) + (bareFirst ? "R" : "B"), !bareFirst, applications,
          100_000 * (2 * i + 2));
      Run bare = bareFirst ? first : second;
      Run rules = bareFirst ? second : first;
      pairs.add(new Run[] {bare, rules});
      runs.put("pair" + (i + 1) + (bareFirst ? ".bare,rules" : ".rules,bare"), Map.of("bare", bare.asMap(), "rules", rules.asMap()));
    }
    figures.detail("runs", runs);
    double[] rulesWall = pairs.stream().mapToDouble(p -> p[1].seconds).toArray();
    double[] bareWall = pairs.stream().mapToDouble(p -> p[0].seconds).toArray();
    figures.repeated("programme.wall", rulesWall, "s", 60.0, true);
    figures.repeated("programme.processInstancesPerSecond", pairs.stream().mapToDouble(p -> p[1].instances / p[1].seconds).toArray(), "1/s", null, true);
    figures.repeated("programme.tasksPerSecond", pairs.stream().mapToDouble(p -> p[1].tasks / p[1].seconds).toArray(), "1/s", null, true);
    figures.repeated("programme.jobsPerSecond", pairs.stream().mapToDouble(p -> p[1].jobs / p[1].seconds).toArray(), "1/s", null, true);
    figures.figure("programme.peakHeap", pairs.stream().mapToLong(p -> p[1].peakHeapMiB).max().orElse(0), "MiB");
    figures.figure("programme.peakResident", pairs.stream().mapToLong(p -> p[1].peakResidentMiB).max().orElse(0), "MiB");
    figures.repeated("bare.wall", bareWall, "s", null, true);
    figures.figure("bare.peakHeap", pairs.stream().mapToLong(p -> p[0].peakHeapMiB).max().orElse(0), "MiB");
    figures.repeated("rulesOverhead", pairs.stream().mapToDouble(p -> p[1].seconds / p[0].seconds).toArray(), "x", 1.3, true);
    // CPU time of the whole JVM (all threads, GC included): less affected by what else the machine runs.
    figures.repeated("rulesOverhead.cpu", pairs.stream().mapToDouble(p -> p[1].cpuSeconds / p[0].cpuSeconds).toArray(), "x", null, true);
    if ("programme".equals(System.getProperty("benchmark.only"))) {
      System.out.println("benchmark result file " + figures.write(OUTPUT).toAbsolutePath());
      return;
    }

    tasklistQuery();
    jobAcquisition();
    dossierTab();
    quotaSeries();

    Path file = figures.write(OUTPUT);
    System.out.println("benchmark result file " + file.toAbsolutePath());
  }

  // ---------------------------------------------------------------------------------------------
  // The job executor's acquisition

  /**
   * The acquisition's select with the Tasklist part's 10,000 open tasks and their timers in the job table
   * (the programme runs end all their cases and leave almost none; docs/operations.md, "Job executor"),
   * 100 times each: as the application runs it (every job dated, read through
   * PF_IDX_JOB_DUEDATE) and, for comparison, as the engine asks by default ({@code DUEDATE_ is null or …},
   * a read of the whole table). Only the select, not the locking of what it finds: nothing is due here.
   * The engine option is switched off only around the default form's selects; nothing runs meanwhile, so
   * no job is created undated.
   */
  private void jobAcquisition() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Date now = ClockUtil.getCurrentTime();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("jobs", managementService.createJobQuery().count());
    detail.put("jobsDue", managementService.createJobQuery().executable().count());
    for (boolean engineDefault : new boolean[] {false, true}) {
      long[] nanos = new long[100];
      configuration.setEnsureJobDueDateNotNull(!engineDefault);
      try {
        for (int i = -10; i < nanos.length; i++) {
          // Another "now" each time: H2 answers a repeated query on unchanged tables from its result cache.
          ClockUtil.setCurrentTime(new Date(now.getTime() + i + 10));
          long t = System.nanoTime();
          configuration.getCommandExecutorTxRequired().execute(context -> context.getJobManager()
              .findNextJobsToExecute(new Page(0, configuration.getJobExecutor().getMaxJobsPerAcquisition())));
          if (i >= 0) {
            nanos[i] = System.nanoTime() - t;
          }
        }
      } finally {
        configuration.setEnsureJobDueDateNotNull(true);
        ClockUtil.setCurrentTime(now);
      }
      String name = "jobAcquisition." + (engineDefault ? "engineDefault" : "dated");
      figures.figure(name + ".p50", BenchmarkFigures.percentile(nanos, 50), "ms");
      figures.figure(name + ".p95", BenchmarkFigures.percentile(nanos, 95), "ms");
    }
    figures.detail("jobAcquisition", detail);
    System.out.println("benchmark-acquisition " + detail);
  }

  // ---------------------------------------------------------------------------------------------
  // The programme

  record Run(String callId, boolean bare, int applications, double seconds, double cpuSeconds, long instances, long tasks, long jobs,
      long peakHeapMiB, long peakResidentMiB, int clockMoves, double idleWaitSeconds, int conflicts,
      Map<String, Object> profile,
      Map<String, Long> outcomes) {
    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("callId", callId);
      map.put("noOpDelegates", bare);
      map.put("applications", applications);
      map.put("wallSeconds", seconds);
      map.put("processCpuSeconds", cpuSeconds);
      map.put("processInstances", instances);
      map.put("tasksCompleted", tasks);
      map.put("jobsExecuted", jobs);
      map.put("peakHeapMiB", peakHeapMiB);
      map.put("peakResidentMiB", peakResidentMiB);
      map.put("clockMoves", clockMoves);
      map.put("driverWaitingForExecutorSeconds", idleWaitSeconds);
      map.put("completionsRetriedAfterConcurrentJob", conflicts);
      map.put("outcomes", outcomes);
      map.put("delegateProfileMillis", profile);
      return map;
    }
  }

  /**
   * One call round in simulated time: N applications from 20 localities (every tenth round of
   * localities registered outside Tongzhou, TZP-E2), three recommendations per locality and one TZP-Q1
   * refusal each, the rest declined; 20 on the proposed list; two objections (one upheld); 19 agreements
   * signed; three cooperation years each; one agreement terminated in year 2 after a verified accident.
   */
  Run runProgramme(String callId, boolean noOp, int count, int creditBase) {
    BareDelegates.bare = noOp;
    BareDelegates.reset();
    PeopleSubmissions people = new PeopleSubmissions(boundary);
    people.checked(!noOp);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    long instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
    long tasksBefore = historyService.createHistoricTaskInstanceQuery().finished().count();
    long jobsBefore = historyService.createHistoricJobLogQuery().successLog().count();
    boolean residentReset = BenchmarkFigures.resetPeakResident();
    ExecutorDrivenSimulation simulation = new ExecutorDrivenSimulation(engine, people);
    long start;
    long cpuStart;
    ProcessInstance call;
    Map<String, String> localityOfApplication = new HashMap<>();
    try (BenchmarkFigures.HeapPeak heap = new BenchmarkFigures.HeapPeak()) {
      start = System.nanoTime();
      cpuStart = BenchmarkFigures.processCpuNanos();
      call = people.submit(() -> fixtures.openCall(callId, DEADLINE.toString(), PLACES, LOCALITY_QUOTA, Map.of()));
      List<IdentityProperties.Locality> localities = identity.localities();
      for (int n = 0; n < count; n++) {
        String locality = localities.get(n % localities.size()).id();
        Map<String, Object> application = eligibleApplication(callId, creditBase + n, locality);
        // Given by the portal as the call it applies to; the real acceptance looks the call up itself.
        application.put("callInstanceId", call.getId());
        if ((n / localities.size()) % 10 == 9) {
          application.put("tongzhouPresence", "none");
        }
        if (n % 3 == 0) {
          application.put("industryField", "其他");
        }
        localityOfApplication.put(applyWithDossier(people, n % 2 == 0 ? "huanglei" : "xuting", application).getId(), locality);
      }

      Set<String> fullLocalities = new java.util.HashSet<>();
      simulation
          .answer("Task_RecommendApplication", task -> recommend(task, localityOfApplication, fullLocalities))
          .answer("Task_SelectPartners", PartnerProgrammeAnswers.selectFirst(runtimeService, PLACES));
      Map<String, Map<String, Object>> fixed = PartnerProgrammeAnswers.fixed();
      fixed.forEach(simulation::answer);
      // The documents people attach before they submit (DOC-1), the same in both variants.
      withDocument(simulation, "Task_SignBySti", fixed.get("Task_SignBySti"), "signed-tri-party-agreement", task -> OFFICER);
      withDocument(simulation, "Task_SubmitAnnualReport", fixed.get("Task_SubmitAnnualReport"), "annual-report",
          task -> new DossierCaller(task.getAssignee(), List.of("applicants")));

      simulation.runUntil(at(2026, 4, 8, 12));
      ProcessInstance notice = runtimeService.createProcessInstanceQuery().processDefinitionKey("public-notice")
          .superProcessInstanceId(call.getId()).singleResult();
      Assertions.assertThat(notice).as("the notice of %s runs", callId).isNotNull();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> candidates = (List<Map<String, Object>>) runtimeService.getVariable(notice.getId(),
          "candidates");
      object(notice, candidates.get(0), "该单位知识产权权属存在争议");
      object(notice, candidates.get(1), "研发人员数量与社保记录不符");
      String upheld = String.valueOf(candidates.get(0).get("candidateId"));
      simulation.answer("Task_VerifyObjection", task -> Map.of(
          "objectionDecision", upheld.equals(runtimeService.getVariable(task.getExecutionId(), "objectionCandidateId"))
              ? "upheld" : "notUpheld",
          "objectionFinding", "经核查，结论见附件材料"));

      simulation.runUntil(at(2027, 6, 1, 0));
      List<ProcessInstance> cooperations = runtimeService.createProcessInstanceQuery()
          .processDefinitionKey("partner-cooperation").superProcessInstanceId(call.getId()).list();
      Assertions.assertThat(cooperations).hasSize(PLACES - 1);
      runtimeService.createMessageCorrelation("PartnerViolationReported").processInstanceId(cooperations.get(0).getId())
          .setVariablesToTriggeredScope(Map.of("violationType", "safetyEnvironmentalAccident",
              "violationDescription", "厂区发生较大安全生产事故，区应急管理局已立案", "reporterName", "通州区应急管理局"))
          .correlate();
      withDocument(simulation, "Task_VerifyViolation", Map.of("violationVerified", "verified", "violationFinding", "经调查报告确认",
          "accidentMajor", "major"), "violation-evidence", task -> OFFICER);

      simulation.runUntil(at(2029, 12, 31, 0));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (BenchmarkFigures.processCpuNanos() - cpuStart) / 1e9;

      Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(call.getId()).count())
          .as("the call %s ends with its last cooperation", callId).isZero();
      Assertions.assertThat(managementService.createJobQuery().withException().count()).as("failed jobs").isZero();
      Assertions.assertThat(runtimeService.createIncidentQuery().count()).as("incidents").isZero();
      Map<String, Long> outcomes = historyService.createHistoricVariableInstanceQuery().variableName("outcome")
          .processInstanceIdIn(localityOfApplication.keySet().toArray(String[]::new)).list().stream()
          .collect(Collectors.groupingBy(v -> String.valueOf(v.getValue()), Collectors.counting()));
      Assertions.assertThat(outcomes).containsEntry("selected", (long) PLACES - 1)
          .containsEntry("removed-after-objection", 1L);
      Assertions.assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);

      Map<String, Object> profile = new LinkedHashMap<>();
      BareDelegates.realNanos.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
          .forEach(e -> profile.put(e.getKey(), Map.of("totalMillis", e.getValue().sum() / 1_000_000,
              "calls", BareDelegates.realCalls.get(e.getKey()).sum())));
      Run run = new Run(callId, noOp, count, seconds, cpuSeconds,
          historyService.createHistoricProcessInstanceQuery().count() - instancesBefore,
          historyService.createHistoricTaskInstanceQuery().finished().count() - tasksBefore,
          historyService.createHistoricJobLogQuery().successLog().count() - jobsBefore,
          heap.peakMiB(), residentReset ? BenchmarkFigures.procStatusMiB("VmHWM") : BenchmarkFigures.procStatusMiB("VmRSS"),
          simulation.clockMoves(), simulation.idleWaitSeconds(), simulation.conflicts(), profile, outcomes);
      System.out.printf("benchmark-run %s noOp=%s applications=%d wall=%.1fs instances=%d tasks=%d jobs=%d "
              + "heap=%dMiB rss=%dMiB clockMoves=%d executorWait=%.1fs retries=%d load=%s profile=%s%n", callId, noOp,
          count, seconds, run.instances, run.tasks, run.jobs, run.peakHeapMiB, run.peakResidentMiB, run.clockMoves,
          run.idleWaitSeconds, run.conflicts, BenchmarkFigures.loadAverage(), profile);
      return run;
    } finally {
      BareDelegates.bare = false;
    }
  }

  /** A clerk recommends while the locality's quota lasts; after the TZP-Q1 refusal it declines the rest. */
  /**
   * The applicant's part with the dossier, the same in both variants (people's work, not rules): start, the
   * two required documents (20 KB each) uploaded at 提交申报材料, then the materials submitted.
   */
  private ProcessInstance applyWithDossier(PeopleSubmissions people, String applicant, Map<String, Object> variables) {
    ProcessInstance application = people.submit(() -> fixtures.startApplication(applicant, variables));
    Task materials = taskService.createTaskQuery().processInstanceId(application.getId())
        .taskDefinitionKey("Task_SubmitMaterials").singleResult();
    if (materials != null) {
      DossierCaller caller = new DossierCaller(applicant, List.of("applicants"));
      for (String type : List.of("application-form", "supporting-evidence")) {
        dossiers.upload(materials.getId(), type, type + ".pdf", "application/pdf", pdf(type, application.getId()), caller);
      }
      people.submit(() -> fixtures.submitMaterials(applicant, application.getId()));
    }
    return application;
  }

  /** Before the fixed answer of {@code taskKey}: the person uploads a 20 KB PDF of {@code type} at the task. */
  private void withDocument(ExecutorDrivenSimulation simulation, String taskKey, Map<String, Object> answer, String type,
      Function<Task, DossierCaller> person) {
    simulation.answer(taskKey, task -> {
      dossiers.upload(task.getId(), type, type + ".pdf", "application/pdf", pdf(type, task.getId()), person.apply(task));
      return answer;
    });
  }

  private static byte[] pdf(String type, String id) {
    return Arrays.copyOf(("%PDF-1.4\n% " + type + " " + id + "\n").getBytes(StandardCharsets.UTF_8), 20 * 1024);
  }

  private Map<String, Object> recommend(Task task, Map<String, String> localityOfApplication, Set<String> full) {
    String locality = localityOfApplication.get(task.getProcessInstanceId());
    // The clerk opens the tab 申报材料 before deciding (both variants: the dossier is the clerk's reading).
    dossiers.forTask(task.getId(), new DossierCaller(CLERK + "-" + locality, List.of(locality)));
    if (full.contains(locality)) {
      return Map.of("recommendation", "decline", "declineReason", "本属地名额已满，择优推荐其他单位");
    }
    try {
      taskService.complete(task.getId(), PartnerFixtures.recommendation());
      Map<String, Object> row = new LinkedHashMap<>();
      Map<String, Object> variables = runtimeService.getVariables(task.getProcessInstanceId());
      row.put("applicationId", task.getProcessInstanceId());
      for (String name : List.of("organisationName", "creditCode", "localityGroup", "applicant")) {
        row.put(name, variables.get(name));
      }
      synchronized (BareDelegates.recommended) {
        BareDelegates.recommended.add(row);
      }
    } catch (PolicyRuleException quotaUsedUp) {
      full.add(locality);
    }
    return null;
  }

  private void object(ProcessInstance notice, Map<String, Object> candidate, String reason) {
    runtimeService.createMessageCorrelation("NoticeObjection").processInstanceId(notice.getId())
        .setVariablesToTriggeredScope(Map.of("objectionCandidateId", candidate.get("candidateId"),
            "objectionReason", reason, "objectorName", "张三", "objectorContact", "13911112222"))
        .correlate();
  }

  // ---------------------------------------------------------------------------------------------
  // Start-up (measured by scripts/measure-startup.sh before this JVM started)

  private void startupFromScript() throws Exception {
    Path file = OUTPUT.resolve("startup.properties");
    if (!Files.exists(file)) {
      figures.detail("startup", "not measured: run scripts/benchmark.sh, which runs scripts/measure-startup.sh first");
      return;
    }
    Properties startup = new Properties();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      startup.load(reader);
    }
    figures.detail("startup", new LinkedHashMap<>(startup));
    figures.detail("startupLoadAverage", startup.getProperty("load_average", "-1"));
    figures.repeated("startup", numbers(startup.getProperty("startup_seconds")), "s", 15.0, true);
    figures.repeated("startup.resident", numbers(startup.getProperty("rss_mib")), "MiB", null, true);
  }

  private static double[] numbers(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  // ---------------------------------------------------------------------------------------------
  // Tasklist query at 10,000 open tasks

  private void tasklistQuery() throws Exception {
    BpmnModelInstance model = Bpmn.createExecutableProcess("benchmark-open-tasks").name("基准测试待办")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Opened").name("开始")
        .userTask("Task_Open").name("待办事项").camundaCandidateGroups("${group}")
        .camundaDueDate("${dateTime().plusDays(7).toDate()}").camundaPriority("50").camundaFormRef("test-confirm").camundaFormRefBinding("deployment")
        .multiInstance().parallel().cardinality("${count}").multiInstanceDone()
        .endEvent("EndEvent_Done").name("结束").done();
    engine.getRepositoryService().createDeployment().name("benchmark").addModelInstance("benchmark-open-tasks.bpmn", model)
        .addClasspathResource("test-forms/test-confirm.form").deploy();
    ClockUtil.reset();
    List<String> localities = identity.localities().stream().map(IdentityProperties.Locality::id).toList();
    int perLocality = openTasks / localities.size();
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString((CLERK + ":demo").getBytes(StandardCharsets.UTF_8));
    String base = "http://localhost:" + port + "/engine-rest";
    String filterId = filterService.createFilterQuery().filterName("本组待办").singleResult().getId();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("clerk", CLERK + " (" + CLERK_GROUP + "), authorization on, HTTP Basic");
    details.put("requestsPerEndpointAndRound", requests);
    details.put("rounds", tasklistRounds);
    details.put("warmupRequestsPerEndpoint", warmupRequests);

    // Spread: the open tasks of a programme fall to the 20 localities; the clerk's queue holds its share.
    long start = System.nanoTime();
    Map<String, List<String>> instancesByGroup = new LinkedHashMap<>();
    for (String group : localities) {
      instancesByGroup.put(group, openTasks(group, perLocality));
    }
    details.put("spread", tasklistShape("spread", http, auth, base, filterId, (System.nanoTime() - start) / 1e9,
        instancesByGroup.get(CLERK_GROUP).get(0)));

    // One queue: the same number of open tasks, all waiting in the clerk's group (the worst case).
    start = System.nanoTime();
    for (String group : localities) {
      if (!group.equals(CLERK_GROUP)) {
        runtimeService.deleteProcessInstances(instancesByGroup.get(group), "benchmark: next task shape", true, true);
        openTasks(CLERK_GROUP, perLocality);
      }
    }
    details.put("oneQueue", tasklistShape("oneQueue", http, auth, base, filterId, (System.nanoTime() - start) / 1e9,
        instancesByGroup.get(CLERK_GROUP).get(0)));
    figures.detail("tasklist", details);
  }

  /** Starts instances of the open-task model until the group has {@code count} more open tasks. */
  private List<String> openTasks(String group, int count) {
    List<String> instances = new ArrayList<>();
    for (int created = 0; created < count; created += 500) {
      instances.add(runtimeService.startProcessInstanceByKey("benchmark-open-tasks",
          Map.of("group", group, "count", Math.min(500, count - created))).getId());
    }
    return instances;
  }

  /**
   * The clerk's Tasklist requests against the current open tasks. Before every request one open task
   * changes (its priority), as tasks do between two requests of a person in a live system; without it,
   * H2 may answer a repeated identical query from its result cache and the figure would measure that
   * cache instead of the query.
   */
  private Map<String, Object> tasklistShape(String shape, HttpClient http, String auth, String base, String filterId,
      double creationSeconds, String tickInstance) throws Exception {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("openTasksInEngine", taskService.createTaskQuery().count());
    details.put("visibleToClerk", get(http, auth, base + "/task/count?candidateGroup=" + CLERK_GROUP));
    details.put("creationSeconds", creationSeconds);
    Map<String, String> endpoints = new LinkedHashMap<>();
    endpoints.put("taskQuery", base + "/task?candidateGroup=" + CLERK_GROUP
        + "&firstResult=0&maxResults=15&sortBy=created&sortOrder=desc");
    endpoints.put("filterList", base + "/filter/" + filterId + "/list?firstResult=0&maxResults=15");
    // What Tasklist itself sends when it opens the filter: a POST with its sorting (newest first).
    endpoints.put("filterListTasklist", base + "/filter/" + filterId + "/list?firstResult=0&maxResults=15");
    String tasklistBody = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    // The change touches ACT_RU_TASK: H2 re-uses a result only while no table the query reads has changed.
    String tickTask = taskService.createTaskQuery().processInstanceId(tickInstance).listPage(0, 1).get(0).getId();
    int tick = 0;
    // Rounds over the three endpoints in turn: the goal is judged on the median of the rounds' p95, and
    // their spread shows how much the machine's other load moved the figure.
    Map<String, double[]> p95ByRound = new LinkedHashMap<>();
    Map<String, long[]> all = new LinkedHashMap<>();
    endpoints.keySet().forEach(key -> {
      p95ByRound.put(key, new double[tasklistRounds]);
      all.put(key, new long[tasklistRounds * requests]);
    });
    for (int round = 0; round < tasklistRounds; round++) {
      for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
        String body = endpoint.getKey().equals("filterListTasklist") ? tasklistBody : null;
        long[] nanos = new long[requests];
        for (int i = round == 0 ? -warmupRequests : 0; i < requests; i++) {
          taskService.setPriority(tickTask, 50 + tick++ % 2);
          long t = System.nanoTime();
          String answer = request(http, auth, endpoint.getValue(), body);
          if (i >= 0) {
            nanos[i] = System.nanoTime() - t;
          }
          if (i == 0 && round == 0) {
            Assertions.assertThat(answer).as("%s returns tasks", endpoint.getKey()).contains("\"id\"");
          }
        }
        p95ByRound.get(endpoint.getKey())[round] = BenchmarkFigures.percentile(nanos, 95);
        System.arraycopy(nanos, 0, all.get(endpoint.getKey()), round * requests, requests);
      }
    }
    for (String key : endpoints.keySet()) {
      long[] nanos = all.get(key);
      String name = "tasklist." + shape + "." + key;
      details.put(key, Map.of("url", endpoints.get(key).replace(base, "/engine-rest"),
          "p50Millis", BenchmarkFigures.percentile(nanos, 50), "p95MillisPerRound", p95ByRound.get(key),
          "maxMillis", BenchmarkFigures.percentile(nanos, 100)));
      figures.figure(name + ".p50", BenchmarkFigures.percentile(nanos, 50), "ms");
      figures.repeated(name + ".p95", p95ByRound.get(key), "ms", 150.0, true);
      figures.figure(name + ".max", BenchmarkFigures.percentile(nanos, 100), "ms");
    }
    return details;
  }

  /**
   * The tab 申报材料 of a locality clerk's recommendation task whose case holds 20 documents (three types,
   * several versions each, 100 KB apiece): {@code GET /api/dossiers/tasks/{id}} over HTTP as the clerk, the
   * request the tab sends when it opens. Rounds as for the Tasklist query; goal p95 ≤ 300 ms on the median.
   */
  private void dossierTab() throws Exception {
    ClockUtil.setCurrentTime(at(2026, 3, 5, 9));
    String callId = "TZP-2026-D1";
    fixtures.openCall(callId, "2026-03-20", PLACES, LOCALITY_QUOTA, Map.of());
    ProcessInstance application = fixtures.startApplication("huanglei", eligibleApplication(callId, 9001, CLERK_GROUP));
    String materialsTask = taskService.createTaskQuery().processInstanceId(application.getId())
        .taskDefinitionKey("Task_SubmitMaterials").singleResult().getId();
    DossierCaller applicant = new DossierCaller("huanglei", List.of("applicants"));
    String[] types = {"application-form", "supporting-evidence", "other"};
    byte[] content = new byte[100 * 1024];
    for (int n = 0; n < 20; n++) {
      byte[] header = ("%PDF-1.4\n% benchmark document " + n + "\n").getBytes(StandardCharsets.UTF_8);
      System.arraycopy(header, 0, content, 0, header.length);
      dossiers.upload(materialsTask, types[n % types.length], "材料" + (n + 1) + ".pdf", "application/pdf", content.clone(),
          applicant);
    }
    fixtures.submitMaterials("huanglei", application.getId());
    String recommendTask = null;
    for (long waitUntil = System.nanoTime() + 60_000_000_000L; recommendTask == null; ) {
      Task task = taskService.createTaskQuery().processInstanceId(application.getId())
          .taskDefinitionKey("Task_RecommendApplication").singleResult();
      if (task != null) {
        recommendTask = task.getId();
      } else if (System.nanoTime() > waitUntil) {
        throw new IllegalStateException("the application did not reach its recommendation within 60 s");
      } else {
        Thread.sleep(50); // the job executor runs the eligibility check; waiting on its result, bounded
      }
    }
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString((CLERK + ":demo").getBytes(StandardCharsets.UTF_8));
    String url = "http://localhost:" + port + "/api/dossiers/tasks/" + recommendTask;
    double[] p95ByRound = new double[tasklistRounds];
    long[] all = new long[tasklistRounds * requests];
    for (int round = 0; round < tasklistRounds; round++) {
      long[] nanos = new long[requests];
      for (int i = round == 0 ? -warmupRequests : 0; i < requests; i++) {
        long t = System.nanoTime();
        String answer = get(http, auth, url);
        if (i >= 0) {
          nanos[i] = System.nanoTime() - t;
        }
        if (i == 0 && round == 0) {
          Assertions.assertThat(answer.split("\"sha256\"", -1)).as("the tab lists the 20 documents").hasSize(21);
        }
      }
      p95ByRound[round] = BenchmarkFigures.percentile(nanos, 95);
      System.arraycopy(nanos, 0, all, round * requests, requests);
    }
    figures.detail("dossierTab", Map.of("url", "/api/dossiers/tasks/{recommendation task}", "clerk", CLERK,
        "documents", 20, "documentBytes", content.length, "requestsPerRound", requests, "rounds", tasklistRounds,
        "p50Millis", BenchmarkFigures.percentile(all, 50), "p95MillisPerRound", p95ByRound,
        "maxMillis", BenchmarkFigures.percentile(all, 100)));
    figures.figure("dossierTab.documents20.p50", BenchmarkFigures.percentile(all, 50), "ms");
    figures.repeated("dossierTab.documents20.p95", p95ByRound, "ms", 300.0, true);
    ClockUtil.reset();
  }

  private static String get(HttpClient http, String auth, String url) throws Exception {
    return request(http, auth, url, null);
  }

  /** GET, or POST with a JSON body. */
  private static String request(HttpClient http, String auth, String url, String json) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
        .header("Accept", "application/json");
    if (json != null) {
      builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  // ---------------------------------------------------------------------------------------------
  // TZP-Q1 quota check against the number of applications in the call

  /**
   * One call per size, filled up front; then rounds that visit the calls in alternating order (smallest
   * first, then largest first, …), so that a slow minute of the machine weighs on every size alike. In
   * each round and call: real application starts, quota takes, real recommendations. The growth figures
   * are the medians of the rounds' ratios (largest ÷ smallest call), with their spread.
   */
  private void quotaSeries() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
    List<IdentityProperties.Locality> localities = identity.localities();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    int probes = 15;
    int rounds = 3;
    List<String> callIds = new ArrayList<>();
    List<ProcessInstance> calls = new ArrayList<>();
    List<List<String>> waiting = new ArrayList<>();
    int[] inCall = new int[quotaSizes.length];
    int creditNumber = 500_000;
    for (int c = 0; c < quotaSizes.length; c++) {
      String callId = "TZP-2026-QUOTA" + (c + 1);
      callIds.add(callId);
      ProcessInstance call = fixtures.openCall(callId, DEADLINE.toString(), PLACES, 1_000_000, Map.of());
      calls.add(call);
      waiting.add(new ArrayList<>());
      // Filled with the bare acceptance (how the applications got there does not matter to the check), so
      // that the call holds its size once the rounds' real starts are in.
      BareDelegates.bare = true;
      while (inCall[c] < quotaSizes[c] - rounds * probes) {
        Map<String, Object> application = eligibleApplication(callId, creditNumber++,
            localities.get(inCall[c] % localities.size()).id());
        application.put("callInstanceId", call.getId());
        waiting.get(c).add(fixtures.apply("huanglei", application).getId());
        inCall[c]++;
      }
      BareDelegates.bare = false;
    }
    String locality = localities.get(0).id();
    List<Map<String, Object>> points = new ArrayList<>();
    double[][] take = new double[rounds][quotaSizes.length];
    double[][] recommendation = new double[rounds][quotaSizes.length];
    double[][] start = new double[rounds][quotaSizes.length];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < quotaSizes.length; k++) {
        int c = r % 2 == 0 ? k : quotaSizes.length - 1 - k;
        ProcessInstance call = calls.get(c);
        String callId = callIds.get(c);
        BareDelegates.reset();
        // The real acceptance (TZP-S1/S2 with the duplicate check, eligibility with the credit registry).
        long[] starts = new long[probes];
        for (int i = 0; i < probes; i++) {
          Map<String, Object> application = eligibleApplication(callId, creditNumber++,
              localities.get(inCall[c] % localities.size()).id());
          long t = System.nanoTime();
          waiting.get(c).add(fixtures.apply("xuting", application).getId());
          starts[i] = System.nanoTime() - t;
          inCall[c]++;
        }
        double acceptMillis = perCall("acceptPartnerApplication");
        double eligibilityMillis = perCall("checkPartnerEligibility");
        // TZP-Q1 itself: status and take inside one engine command, as the recommendation runs it.
        long[] checks = new long[200];
        for (int i = 0; i < checks.length; i++) {
          long t = System.nanoTime();
          configuration.getCommandExecutorTxRequired().execute(context -> quotas.take(call.getId(), locality,
              full -> new PolicyRuleException("TZP-Q1", "recommendation", "full", "full"),
              () -> new PolicyRuleException("TZP-Q1", "recommendation", "conflict", "conflict")));
          checks[i] = System.nanoTime() - t;
        }
        // The whole recommendation a clerk submits (task completion with showLocalityQuota before it).
        long[] recommendations = new long[probes];
        for (int i = 0; i < probes; i++) {
          String applicationId = waiting.get(c).remove(0);
          Task task = taskService.createTaskQuery().processInstanceId(applicationId).singleResult();
          long t = System.nanoTime();
          taskService.complete(task.getId(), PartnerFixtures.recommendation());
          recommendations[i] = System.nanoTime() - t;
        }
        take[r][c] = BenchmarkFigures.percentile(checks, 50);
        recommendation[r][c] = BenchmarkFigures.percentile(recommendations, 50);
        start[r][c] = BenchmarkFigures.percentile(starts, 50);
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("round", r + 1);
        point.put("applicationsInCall", inCall[c]);
        point.put("quotaTakeMedianMillis", take[r][c]);
        point.put("quotaTakeP95Millis", BenchmarkFigures.percentile(checks, 95));
        point.put("recommendationMedianMillis", recommendation[r][c]);
        point.put("applicationStartMedianMillis", start[r][c]);
        point.put("acceptDelegateMeanMillis", acceptMillis);
        point.put("eligibilityDelegateMeanMillis", eligibilityMillis);
        point.put("loadAverage1m", BenchmarkFigures.loadAverage());
        points.add(point);
        System.out.println("benchmark-quota " + point);
      }
    }
    figures.detail("quotaSeries", points);
    int last = quotaSizes.length - 1;
    for (int c : new int[] {0, last}) {
      int column = c;
      figures.repeated("quota.take.median@" + quotaSizes[c],
          Arrays.stream(take).mapToDouble(round -> round[column]).toArray(), "ms", null, true);
    }
    figures.repeated("quota.take.growth", growth(take), "x", 1.5, true);
    figures.repeated("recommendation.growth", growth(recommendation), "x", 1.5, true);
    figures.repeated("applicationStart.growth", growth(start), "x", 1.5, true);
  }

  /** Per round: the largest call's median ÷ the smallest call's. */
  private static double[] growth(double[][] medians) {
    return Arrays.stream(medians).mapToDouble(round -> round[round.length - 1] / round[0]).toArray();
  }

  private static double perCall(String bean) {
    var nanos = BareDelegates.realNanos.get(bean);
    var calls = BareDelegates.realCalls.get(bean);
    return nanos == null ? -1 : nanos.sum() / 1e6 / calls.sum();
  }

}
