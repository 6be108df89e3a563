package org.policyflow.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.policyflow.partner.PartnerFixtures;

/**
 * Ten years of ended cases written straight into the engine's history tables (ACT_HI_PROCINST, ACTINST,
 * TASKINST, VARINST, DETAIL, OP_LOG) and the dossier table (PF_DOSSIER_DOCUMENT) with JDBC batches, in the
 * rows the engine itself writes for such cases: running 100,000 real processes would take hours, and only
 * the rows matter to the history queries measured. Every row points at a deployed process definition and at
 * ids that exist (root, super instance, execution, activity instance, task, variable instance, operation), so
 * the engine's own queries and the audit views read them like any other history. The shape is in
 * docs/history.md; {@link HistoryGeneratorTest} checks it through the engine's API.
 */
public final class HistoryGenerator {

  /** One programme's root process: its share of the roots, the process it calls once a year, its case variables. */
  record Programme(String key, int weight, String yearlyKey, int years, int typicalDays, boolean isCase,
      String[] documentTypes) {}

  static final List<Programme> PROGRAMMES = List.of(
      new Programme("partner-application", 40, null, 0, 60, true, new String[] {"application-form", "supporting-evidence"}),
      new Programme("partner-cooperation", 8, "partner-cooperation-year", 3, 1095, true, new String[] {"signed-tri-party-agreement"}),
      new Programme("partner-call", 2, null, 0, 120, false, new String[0]),
      new Programme("public-notice", 2, null, 0, 10, false, new String[0]),
      new Programme("expert-review", 10, null, 0, 20, false, new String[0]),
      new Programme("credit-record", 10, null, 0, 5, false, new String[0]),
      new Programme("target-record", 3, null, 0, 3, false, new String[0]),
      new Programme("bj-consortium", 8, null, 0, 700, true, new String[] {"application-form", "consortium-agreement", "integrity-commitment"}),
      new Programme("yc-consortium", 8, "yc-consortium-year", 3, 1095, true, new String[] {"formation-plan", "ip-agreement"}),
      new Programme("tech-centre", 7, "tech-centre-year", 3, 1095, true, new String[] {"construction-plan", "application-form"}),
      new Programme("tech-centre-round", 2, null, 0, 90, false, new String[0]));

  /** What one run wrote. */
  public record Shape(String tag, int instances, int rootInstances, Map<String, Integer> rootsPerProcess,
      long activities, long tasks, long variables, long details, long operations, long documents,
      List<String> cooperationIds, List<String> organisationNames, List<String> creditCodes, double seconds) {

    long rows() {
      return instances + activities + tasks + variables + details + operations + documents;
    }
  }

  private static final long DAY = 86_400_000L;
  private static final String[] PLACES = {"通州", "运河", "副中心", "潞城", "宋庄", "台湖", "张家湾", "漷县", "永乐", "梨园"};
  private static final String[] WORDS = {"智造", "芯源", "云图", "华科", "新材", "精工", "数联", "绿能", "康健", "星河",
      "北辰", "启明", "博远", "中科", "创达", "融信"};
  private static final String[] TRADES = {"科技", "信息技术", "生物医药", "新能源", "智能装备", "材料科技"};
  private static final int BATCH_ROOTS = 500;

  private final ProcessEngine engine;
  private final DataSource dataSource;

  public HistoryGenerator(ProcessEngine engine, DataSource dataSource) {
    this.engine = engine;
    this.dataSource = dataSource;
  }

  /** Elements of the latest version of a process that the generated path goes through. */
  private record Model(ProcessDefinition definition, int ttlDays, FlowNode start, List<UserTask> tasks,
      CallActivity yearly, FlowNode end) {}

  private Model model(String key, String calledKey) {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(key).latestVersion().singleResult();
    if (definition == null) {
      throw new IllegalStateException("process " + key + " is not deployed");
    }
    BpmnModelInstance bpmn = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
    FlowNode start = bpmn.getModelElementsByType(StartEvent.class).stream()
        .filter(e -> e.getParentElement() instanceof Process).findFirst().orElseThrow();
    FlowNode end = bpmn.getModelElementsByType(EndEvent.class).stream()
        .filter(e -> e.getParentElement() instanceof Process).findFirst().orElseThrow();
    List<UserTask> tasks = bpmn.getModelElementsByType(UserTask.class).stream()
        .filter(e -> e.getParentElement() instanceof Process).limit(4).toList();
    CallActivity yearly = calledKey == null ? null : bpmn.getModelElementsByType(CallActivity.class).stream()
        .filter(c -> calledKey.equals(c.getCalledElement())).findFirst()
        .orElseThrow(() -> new IllegalStateException(key + " has no call activity for " + calledKey));
    Integer ttl = definition.getHistoryTimeToLive();
    return new Model(definition, ttl == null ? 3650 : ttl, start, tasks, yearly, end);
  }

  /**
   * Writes ended process instances until {@code instances} (roots and the yearly instances they called) are
   * written, started over the ten years before {@code now} and ended before it. {@code tag} starts every
   * business key, so that a run can be found (and removed) again.
   */
  public Shape generate(int instances, String tag, long now, long seed) throws SQLException {
    long began = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Model> models = new LinkedHashMap<>();
    for (Programme programme : PROGRAMMES) {
      models.put(programme.key(), model(programme.key(), programme.yearlyKey()));
      if (programme.yearlyKey() != null) {
        models.put(programme.yearlyKey(), model(programme.yearlyKey(), null));
      }
    }
    List<String> users = engine.getIdentityService().createUserQuery().list().stream().map(User::getId).toList();
    int totalWeight = PROGRAMMES.stream().mapToInt(Programme::weight).sum();
    try (Connection connection = dataSource.getConnection(); Writer writer = new Writer(connection, random, users)) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        int written = 0;
        int roots = 0;
        while (written < instances) {
          int pick = random.nextInt(totalWeight);
          Programme programme = PROGRAMMES.get(0);
          for (Programme candidate : PROGRAMMES) {
            if ((pick -= candidate.weight()) < 0) {
              programme = candidate;
              break;
            }
          }
          int years = Math.min(programme.years(), instances - written - 1);
          long span = 3650 * DAY - (programme.typicalDays() + 30) * DAY;
          long start = now - 3650 * DAY + (long) (random.nextDouble() * span);
          written += writer.root(tag + "-" + roots, programme, models.get(programme.key()),
              programme.yearlyKey() == null ? null : models.get(programme.yearlyKey()), Math.max(0, years), start);
          roots++;
          if (roots % BATCH_ROOTS == 0) {
            writer.flush();
            connection.commit();
            if (roots % (BATCH_ROOTS * 20) == 0) {
              System.out.printf("history generator: %,d of %,d instances, %.0f s%n", written, instances,
                  (System.nanoTime() - began) / 1e9);
            }
          }
        }
        writer.flush();
        connection.commit();
        return new Shape(tag, written, roots, writer.rootsPerProcess, writer.activities, writer.tasks, writer.variables,
            writer.details, writer.operations, writer.documents, writer.cooperations, writer.organisations,
            writer.creditCodes, (System.nanoTime() - began) / 1e9);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** The prepared statements of one run and the rows of one case tree at a time. */
  private static final class Writer implements AutoCloseable {
    final SplittableRandom random;
    final List<String> users;
    final PreparedStatement procinst;
    final PreparedStatement actinst;
    final PreparedStatement taskinst;
    final PreparedStatement varinst;
    final PreparedStatement detail;
    final PreparedStatement oplog;
    final PreparedStatement document;
    final MessageDigest sha256;
    final Map<String, Integer> rootsPerProcess = new LinkedHashMap<>();
    final List<String> cooperations = new ArrayList<>();
    final List<String> organisations = new ArrayList<>();
    final List<String> creditCodes = new ArrayList<>();
    long activities;
    long tasks;
    long variables;
    long details;
    long operations;
    long documents;
    int organisationCounter;
    final long idBase;
    long idCounter;

    Writer(Connection connection, SplittableRandom random, List<String> users) throws SQLException {
      this.random = random;
      this.users = users;
      // A different range per run (the clock), so that a second run in the same database cannot collide.
      this.idBase = System.currentTimeMillis() << 20;
      procinst = connection.prepareStatement("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_,"
          + " PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_, REMOVAL_TIME_, DURATION_, START_USER_ID_,"
          + " START_ACT_ID_, END_ACT_ID_, SUPER_PROCESS_INSTANCE_ID_, ROOT_PROC_INST_ID_, DELETE_REASON_, STATE_)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      actinst = connection.prepareStatement("INSERT INTO ACT_HI_ACTINST (ID_, PARENT_ACT_INST_ID_, PROC_DEF_KEY_,"
          + " PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, TASK_ID_, CALL_PROC_INST_ID_,"
          + " ACT_NAME_, ACT_TYPE_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_,"
          + " REMOVAL_TIME_) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      taskinst = connection.prepareStatement("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_,"
          + " PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, NAME_, ASSIGNEE_,"
          + " START_TIME_, END_TIME_, DURATION_, DELETE_REASON_, PRIORITY_, DUE_DATE_, REMOVAL_TIME_, TASK_STATE_)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      varinst = connection.prepareStatement("INSERT INTO ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_,"
          + " ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, NAME_, VAR_TYPE_, CREATE_TIME_, REV_,"
          + " LONG_, TEXT_, STATE_, REMOVAL_TIME_) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      detail = connection.prepareStatement("INSERT INTO ACT_HI_DETAIL (ID_, TYPE_, TIME_, NAME_, PROC_DEF_KEY_,"
          + " PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, VAR_INST_ID_, VAR_TYPE_,"
          + " REV_, LONG_, TEXT_, SEQUENCE_COUNTER_, OPERATION_ID_, REMOVAL_TIME_, INITIAL_)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      oplog = connection.prepareStatement("INSERT INTO ACT_HI_OP_LOG (ID_, DEPLOYMENT_ID_, PROC_DEF_ID_,"
          + " PROC_DEF_KEY_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, TASK_ID_, USER_ID_, TIMESTAMP_,"
          + " OPERATION_TYPE_, OPERATION_ID_, ENTITY_TYPE_, PROPERTY_, ORG_VALUE_, NEW_VALUE_, REMOVAL_TIME_,"
          + " CATEGORY_) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      document = connection.prepareStatement("INSERT INTO PF_DOSSIER_DOCUMENT (ID_, CASE_ID_, TYPE_, VERSION_,"
          + " FILE_NAME_, CONTENT_TYPE_, SIZE_, SHA256_, UPLOADED_BY_, UPLOADED_AT_, TASK_ID_, STAGE_, CONTENT_)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * UUID-shaped like the engine's own ids, but ascending (counter in the high half): each index on an id
     * column then grows at its end instead of at a random page.
     */
    String id() {
      return new UUID(idBase + idCounter++, random.nextLong()).toString();
    }

    String user() {
      return users.get(random.nextInt(users.size()));
    }

    /** A case tree: the root, then (for programmes with yearly work) one called instance per year. */
    int root(String businessKey, Programme programme, Model model, Model yearly, int years, long start)
        throws SQLException {
      String rootId = id();
      long end = start + (programme.typicalDays() / 2 + random.nextInt(programme.typicalDays() / 2 + 1)) * DAY
          + random.nextInt(8 * 3600) * 1000L;
      Timestamp removal = new Timestamp(end + model.ttlDays() * DAY);
      int roll = random.nextInt(100);
      String state = roll < 90 ? "COMPLETED" : roll < 95 ? "INTERNALLY_TERMINATED" : "EXTERNALLY_TERMINATED";
      Map<String, Object> facts = facts(programme);
      String starter = user();
      Tree tree = new Tree(rootId, removal);
      List<String[]> calls = new ArrayList<>();
      // The root's own path: start event, its user tasks, then the yearly instances, then its end.
      String lastTask = path(tree, rootId, model, start, end, facts, state, years > 0 ? 1 : 0);
      if (years > 0) {
        long yearStart = start + (end - start) / 6;
        long yearLength = (end - yearStart) / years;
        for (int year = 0; year < years; year++) {
          String childId = id();
          long childStart = yearStart + year * yearLength;
          long childEnd = childStart + yearLength - DAY;
          Map<String, Object> yearFacts = new LinkedHashMap<>();
          yearFacts.put("cooperationYear", (long) (year + 1));
          yearFacts.put(programme.key().equals("partner-cooperation") ? "organisationName" : "reportTitle",
              facts.getOrDefault("organisationName", facts.getOrDefault("consortiumName", facts.get("centreName"))) + " 第"
                  + (year + 1) + "年度报告");
          yearFacts.put("evaluationResult", random.nextInt(10) < 8 ? "合格" : "基本合格");
          writeInstance(childId, businessKey, yearly, rootId, rootId, childStart, childEnd, removal, user(), "COMPLETED");
          path(tree, childId, yearly, childStart, childEnd, yearFacts, "COMPLETED", 0);
          calls.add(new String[] {childId, Long.toString(childStart), Long.toString(childEnd)});
        }
      }
      writeInstance(rootId, businessKey, model, null, rootId, start, end, removal, starter, state);
      for (String[] call : calls) {
        long childStart = Long.parseLong(call[1]);
        activity(tree, rootId, model, model.yearly().getId(), model.yearly().getName(), "callActivity", null, call[0],
            null, childStart - 50, Long.parseLong(call[2]) + 50);
      }
      if (programme.isCase()) {
        for (String type : programme.documentTypes()) {
          document(rootId, type, 1, starter, start + DAY, lastTask);
        }
        for (int year = 0; year < years; year++) {
          document(rootId, "annual-report", year + 1, user(), start + (year + 1) * 365 * DAY, lastTask);
        }
      }
      rootsPerProcess.merge(programme.key(), 1, Integer::sum);
      if (programme.key().equals("partner-cooperation") && years == 3 && cooperations.size() < 1000) {
        cooperations.add(rootId);
      }
      return 1 + years;
    }

    /** Ids shared by the rows of one tree. */
    private record Tree(String rootId, Timestamp removal) {}

    private void writeInstance(String id, String businessKey, Model model, String superId, String rootId, long start,
        long end, Timestamp removal, String starter, String state) throws SQLException {
      procinst.setString(1, id);
      procinst.setString(2, id);
      procinst.setString(3, businessKey);
      procinst.setString(4, model.definition().getKey());
      procinst.setString(5, model.definition().getId());
      procinst.setTimestamp(6, new Timestamp(start));
      procinst.setTimestamp(7, new Timestamp(end));
      procinst.setTimestamp(8, removal);
      procinst.setLong(9, end - start);
      procinst.setString(10, starter);
      procinst.setString(11, model.start().getId());
      procinst.setString(12, state.equals("EXTERNALLY_TERMINATED") ? null : model.end().getId());
      procinst.setString(13, superId);
      procinst.setString(14, rootId);
      procinst.setString(15, state.equals("EXTERNALLY_TERMINATED") ? "撤回申请" : null);
      procinst.setString(16, state);
      procinst.addBatch();
    }

    /**
     * Start event, each user task (with its task row, claim and completion in the operation log, and the
     * variables the completion set), end event. Returns the last task id.
     */
    private String path(Tree tree, String instanceId, Model model, long start, long end, Map<String, Object> facts,
        String state, int reservedSlots) throws SQLException {
      int steps = model.tasks().size() + 1 + reservedSlots;
      long step = Math.max(1000, (end - start) / steps);
      activity(tree, instanceId, model, model.start().getId(), model.start().getName(), "startEvent",
          null, null, null, start, start);
      String startOperation = id();
      List<Map.Entry<String, Object>> entries = new ArrayList<>(facts.entrySet());
      // The applicant's facts come with the start form; the decisions with the tasks that made them.
      int atStart = Math.max(1, entries.size() / 2);
      for (int i = 0; i < atStart; i++) {
        variable(tree, instanceId, model, entries.get(i).getKey(), entries.get(i).getValue(), start, startOperation);
      }
      String lastTask = null;
      long t = start;
      int next = atStart;
      for (UserTask userTask : model.tasks()) {
        long taskStart = t + 100;
        long taskEnd = taskStart + step - 200;
        String taskId = id();
        String actInstId = id();
        String assignee = user();
        activity(tree, instanceId, model, userTask.getId(), userTask.getName(), "userTask", taskId, null, assignee,
            taskStart, taskEnd, actInstId);
        taskinst.setString(1, taskId);
        taskinst.setString(2, userTask.getId());
        taskinst.setString(3, model.definition().getKey());
        taskinst.setString(4, model.definition().getId());
        taskinst.setString(5, tree.rootId());
        taskinst.setString(6, instanceId);
        taskinst.setString(7, instanceId);
        taskinst.setString(8, actInstId);
        taskinst.setString(9, userTask.getName());
        taskinst.setString(10, assignee);
        taskinst.setTimestamp(11, new Timestamp(taskStart));
        taskinst.setTimestamp(12, new Timestamp(taskEnd));
        taskinst.setLong(13, taskEnd - taskStart);
        taskinst.setString(14, "completed");
        taskinst.setInt(15, 50);
        taskinst.setTimestamp(16, new Timestamp(taskStart + 10 * DAY));
        taskinst.setTimestamp(17, tree.removal());
        taskinst.setString(18, "Completed");
        taskinst.addBatch();
        tasks++;
        operation(tree, instanceId, model, taskId, assignee, taskStart + (taskEnd - taskStart) / 3, "Claim", id(),
            "assignee", null, assignee);
        String completion = id();
        operation(tree, instanceId, model, taskId, assignee, taskEnd, "Complete", completion, "delete", "false", "true");
        if (next < entries.size()) {
          variable(tree, instanceId, model, entries.get(next).getKey(), entries.get(next).getValue(), taskEnd, completion);
          next++;
        }
        lastTask = taskId;
        t = taskEnd;
      }
      for (; next < entries.size(); next++) {
        variable(tree, instanceId, model, entries.get(next).getKey(), entries.get(next).getValue(), t, startOperation);
      }
      if (!state.equals("EXTERNALLY_TERMINATED")) {
        activity(tree, instanceId, model, model.end().getId(), model.end().getName(), "noneEndEvent",
            null, null, null, end, end);
      }
      return lastTask;
    }

    private void activity(Tree tree, String instanceId, Model model, String activityId, String name, String type,
        String taskId, String calledId, String assignee, long start, long end) throws SQLException {
      activity(tree, instanceId, model, activityId, name, type, taskId, calledId, assignee, start, end,
          id());
    }

    private void activity(Tree tree, String instanceId, Model model, String activityId, String name, String type,
        String taskId, String calledId, String assignee, long start, long end, String actInstId) throws SQLException {
      actinst.setString(1, actInstId);
      actinst.setString(2, instanceId);
      actinst.setString(3, model.definition().getKey());
      actinst.setString(4, model.definition().getId());
      actinst.setString(5, tree.rootId());
      actinst.setString(6, instanceId);
      actinst.setString(7, instanceId);
      actinst.setString(8, activityId);
      actinst.setString(9, taskId);
      actinst.setString(10, calledId);
      actinst.setString(11, name);
      actinst.setString(12, type);
      actinst.setString(13, assignee);
      actinst.setTimestamp(14, new Timestamp(start));
      actinst.setTimestamp(15, new Timestamp(end));
      actinst.setLong(16, end - start);
      // 1 = the scope completed (end event), 0 = passed through.
      actinst.setInt(17, type.endsWith("EndEvent") ? 1 : 0);
      actinst.setInt(18, (int) (activities % 1000) + 1);
      actinst.setTimestamp(19, tree.removal());
      actinst.addBatch();
      activities++;
    }

    /** A process variable as the engine keeps it: the instance row and its first (initial) update. */
    private void variable(Tree tree, String instanceId, Model model, String name, Object value, long time,
        String operationId) throws SQLException {
      String varId = id();
      String type = value instanceof Boolean ? "boolean" : value instanceof Long ? "long" : "string";
      Long longValue = value instanceof Boolean b ? (b ? 1L : 0L) : value instanceof Long l ? l : null;
      // The engine keeps a long's text form beside it; a boolean has none.
      String text = value instanceof Boolean ? null : value.toString();
      varinst.setString(1, varId);
      varinst.setString(2, model.definition().getKey());
      varinst.setString(3, model.definition().getId());
      varinst.setString(4, tree.rootId());
      varinst.setString(5, instanceId);
      varinst.setString(6, instanceId);
      varinst.setString(7, instanceId);
      varinst.setString(8, name);
      varinst.setString(9, type);
      varinst.setTimestamp(10, new Timestamp(time));
      varinst.setInt(11, 0);
      setLong(varinst, 12, longValue);
      varinst.setString(13, text);
      varinst.setString(14, "CREATED");
      varinst.setTimestamp(15, tree.removal());
      varinst.addBatch();
      variables++;
      detail.setString(1, id());
      detail.setString(2, "VariableUpdate");
      detail.setTimestamp(3, new Timestamp(time));
      detail.setString(4, name);
      detail.setString(5, model.definition().getKey());
      detail.setString(6, model.definition().getId());
      detail.setString(7, tree.rootId());
      detail.setString(8, instanceId);
      detail.setString(9, instanceId);
      detail.setString(10, instanceId);
      detail.setString(11, varId);
      detail.setString(12, type);
      detail.setInt(13, 0);
      setLong(detail, 14, longValue);
      detail.setString(15, text);
      detail.setInt(16, (int) (details % 1000) + 1);
      detail.setString(17, operationId);
      detail.setTimestamp(18, tree.removal());
      detail.setBoolean(19, true);
      detail.addBatch();
      details++;
    }

    private void operation(Tree tree, String instanceId, Model model, String taskId, String user, long time,
        String type, String operationId, String property, String orgValue, String newValue) throws SQLException {
      oplog.setString(1, id());
      oplog.setString(2, model.definition().getDeploymentId());
      oplog.setString(3, model.definition().getId());
      oplog.setString(4, model.definition().getKey());
      oplog.setString(5, tree.rootId());
      oplog.setString(6, instanceId);
      oplog.setString(7, instanceId);
      oplog.setString(8, taskId);
      oplog.setString(9, user);
      oplog.setTimestamp(10, new Timestamp(time));
      oplog.setString(11, type);
      oplog.setString(12, operationId);
      oplog.setString(13, "Task");
      oplog.setString(14, property);
      oplog.setString(15, orgValue);
      oplog.setString(16, newValue);
      oplog.setTimestamp(17, tree.removal());
      oplog.setString(18, "TaskWorker");
      oplog.addBatch();
      operations++;
    }

    /** Metadata as the dossier stores it; the content is a small stand-in (sizes are not what is measured). */
    private void document(String caseId, String type, int version, String uploader, long time, String taskId)
        throws SQLException {
      String documentId = id();
      byte[] content = ("%PDF-1.4\n% generated history " + documentId + "\n").getBytes(StandardCharsets.UTF_8);
      document.setString(1, documentId);
      document.setString(2, caseId);
      document.setString(3, type);
      document.setInt(4, version);
      document.setString(5, type + "-" + version + ".pdf");
      document.setString(6, "application/pdf");
      document.setLong(7, content.length);
      document.setString(8, HexFormat.of().formatHex(sha256.digest(content)));
      document.setString(9, uploader);
      document.setTimestamp(10, new Timestamp(time));
      document.setString(11, taskId);
      document.setString(12, null);
      document.setBytes(13, content);
      document.addBatch();
      documents++;
    }

    /** The variables a case of the programme carries (names as the models use them). */
    private Map<String, Object> facts(Programme programme) {
      Map<String, Object> facts = new LinkedHashMap<>();
      int n = organisationCounter++;
      String organisation = PLACES[random.nextInt(PLACES.length)] + WORDS[random.nextInt(WORDS.length)]
          + TRADES[random.nextInt(TRADES.length)] + "有限公司" + (n % 7 == 0 ? "" : "（" + n + "）");
      String creditCode = PartnerFixtures.creditCode(1_000_000 + n);
      switch (programme.key()) {
        case "partner-application", "partner-cooperation", "credit-record" -> {
          facts.put("organisationName", organisation);
          facts.put("creditCode", creditCode);
          facts.put("outcome", random.nextInt(10) < 2 ? "selected" : "not-recommended");
        }
        case "bj-consortium" -> {
          facts.put("consortiumName", organisation.replace("有限公司", "创新联合体"));
          facts.put("leadUnitName", organisation);
          facts.put("creditCode", creditCode);
          facts.put("supported", random.nextInt(10) < 3);
        }
        case "yc-consortium" -> {
          facts.put("consortiumName", organisation.replace("有限公司", "创新联合体"));
          facts.put("leadUnitName", organisation);
          facts.put("launched", random.nextInt(10) < 4);
        }
        case "tech-centre" -> {
          facts.put("centreName", organisation.replace("有限公司", "技术创新中心"));
          facts.put("supportingUnitName", organisation);
          facts.put("licenceStatus", random.nextInt(10) < 3 ? "licensed" : "not-licensed");
        }
        case "target-record" -> {
          facts.put("targetKey", "canal-talents");
          facts.put("targetValue", (long) (50 + random.nextInt(100)));
          facts.put("verification", "confirmed");
        }
        default -> {
          facts.put("title", programme.key() + " " + n);
          facts.put("decision", random.nextBoolean() ? "同意" : "不同意");
        }
      }
      if (facts.containsKey("organisationName") && organisations.size() < 1000) {
        organisations.add(organisation);
        creditCodes.add(creditCode);
      }
      return facts;
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.BIGINT);
      } else {
        statement.setLong(index, value);
      }
    }

    void flush() throws SQLException {
      // Parents before children is not needed (no foreign keys on history tables); order kept for clarity.
      for (PreparedStatement statement : List.of(procinst, actinst, taskinst, varinst, detail, oplog, document)) {
        statement.executeBatch();
      }
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement statement : List.of(procinst, actinst, taskinst, varinst, detail, oplog, document)) {
        statement.close();
      }
    }
  }
}
