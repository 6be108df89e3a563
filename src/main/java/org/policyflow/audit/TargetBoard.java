package org.policyflow.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.policyflow.audit.TargetProperties.Comparison;
import org.policyflow.audit.TargetProperties.Counting;
import org.policyflow.audit.TargetProperties.Target;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each programme target against its current value. Values the processes produce are counted from the
 * engine as targets.yaml says; the others are the latest value staff recorded and a second officer
 * confirmed through the target-record process (latest statistic date, then latest confirmation).
 * Everything is read under the caller's authorizations; a value the caller may not read is shown as such.
 */
@Component
public class TargetBoard {

  static final String TARGET_KEY = "targetKey";
  static final String TARGET_VALUE = "targetValue";
  static final String AS_OF_DATE = "asOfDate";
  static final String SOURCE = "source";
  static final String REPORTER = "reporter";
  static final String VERIFICATION = "verification";
  static final String CONFIRMED = "confirmed";

  public record Recorded(BigDecimal value, String asOfDate, String source, String reporterId, String reporterName,
      Date confirmedAt, String processInstanceId) {}

  public record Row(String key, String label, BigDecimal target, String comparison, String comparisonSymbol,
      String unit, Integer dueYear, String wording, String countedBy, BigDecimal value, BigDecimal percent, String status,
      String statusLabel, Recorded recorded) {}

  public record Board(String plan, Date generatedAt, List<Row> targets) {}

  private final TargetProperties properties;
  private final AuditCaller caller;
  private final NamedParameterJdbcTemplate jdbc;

  public TargetBoard(TargetProperties properties, AuditCaller caller, DataSource dataSource) {
    this.properties = properties;
    this.caller = caller;
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
  }

  public Board board() {
    // Nobody without history rights on any process sees the board (403), as for the other audit views.
    caller.readableProcesses();
    Map<String, Recorded> recorded = caller.mayReadHistory(properties.recordingProcessKey())
        ? latestRecorded() : null;
    List<Row> rows = new ArrayList<>();
    for (Target target : properties.items()) {
      if (target.recorded()) {
        Recorded value = recorded == null ? null : recorded.get(target.key());
        rows.add(row(target, "staff", recorded == null ? null : value == null ? null : value.value(), value,
            recorded == null));
      } else {
        boolean readable = caller.mayReadHistory(target.countedBy().processKey());
        rows.add(row(target, "engine", readable ? BigDecimal.valueOf(count(target.countedBy())) : null, null,
            !readable));
      }
    }
    return new Board(properties.plan(), new Date(), rows);
  }

  /**
   * Counted in one SQL statement over the process's history; the caller's READ_HISTORY on that process has
   * been checked by the engine before (board()). The engine's own history query would check it again for
   * every instance it counts, which over ten years of history cost more than the whole dashboard may take.
   */
  long count(Counting counting) {
    MapSqlParameterSource params = new MapSqlParameterSource("key", counting.processKey());
    String condition = switch (counting.instances()) {
      case RUNNING -> "P.END_TIME_ IS NULL";
      case VARIABLE -> "P.ID_ IN (SELECT V.PROC_INST_ID_ FROM ACT_HI_VARINST V WHERE V.PROC_DEF_KEY_ = :key"
          + " AND V.NAME_ = :name AND " + valueCondition(counting.value(), params) + ")";
      case REACHED -> "P.ID_ IN (SELECT A.PROC_INST_ID_ FROM ACT_HI_ACTINST A WHERE A.PROC_DEF_KEY_ = :key"
          + " AND A.ACT_ID_ IN (:activities) AND A.END_TIME_ IS NOT NULL)";
    };
    params.addValue("name", counting.variable()).addValue("activities", counting.activityIds());
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_PROCINST P WHERE P.PROC_DEF_KEY_ = :key AND "
        + condition, params, Long.class);
    return count == null ? 0 : count;
  }

  /** targets.yaml holds text; variables are typed, so true/false and whole numbers compare as such. */
  private static String valueCondition(String value, MapSqlParameterSource params) {
    if ("true".equals(value) || "false".equals(value)) {
      params.addValue("long", "true".equals(value) ? 1L : 0L);
      return "V.VAR_TYPE_ = 'boolean' AND V.LONG_ = :long";
    }
    if (value != null && value.matches("-?\\d{1,18}")) {
      params.addValue("long", Long.parseLong(value));
      return "V.VAR_TYPE_ IN ('integer', 'long', 'short') AND V.LONG_ = :long";
    }
    params.addValue("text", value);
    return "V.VAR_TYPE_ = 'string' AND V.TEXT_ = :text";
  }

  /**
   * The confirmed records' values, read in one SQL statement (the caller's READ_HISTORY on the recording
   * process checked by the engine before, in board()): over years of quarterly records the engine's queries
   * checked the permission again for every record and every variable.
   */
  private Map<String, Recorded> latestRecorded() {
    Map<String, Map<String, Object>> variables = new HashMap<>();
    Map<String, Date> confirmedAt = new HashMap<>();
    jdbc.query("SELECT P.ID_, P.END_TIME_, V.NAME_, V.VAR_TYPE_, V.TEXT_, V.LONG_, V.DOUBLE_"
        + " FROM ACT_HI_PROCINST P JOIN ACT_HI_VARINST V ON V.PROC_INST_ID_ = P.ID_"
        + " WHERE P.PROC_DEF_KEY_ = :key AND P.STATE_ = 'COMPLETED' AND V.NAME_ IN (:names)"
        + " AND P.ID_ IN (SELECT C.PROC_INST_ID_ FROM ACT_HI_VARINST C WHERE C.PROC_DEF_KEY_ = :key"
        + " AND C.NAME_ = :verification AND C.VAR_TYPE_ = 'string' AND C.TEXT_ = :confirmed)",
        new MapSqlParameterSource("key", properties.recordingProcessKey())
            .addValue("names", List.of(TARGET_KEY, TARGET_VALUE, AS_OF_DATE, SOURCE, REPORTER))
            .addValue("verification", VERIFICATION).addValue("confirmed", CONFIRMED), (RowCallbackHandler) rs -> {
          String id = rs.getString("ID_");
          Timestamp end = rs.getTimestamp("END_TIME_");
          confirmedAt.put(id, end == null ? null : new Date(end.getTime()));
          long number = rs.getLong("LONG_");
          Long longValue = rs.wasNull() ? null : number;
          Object value = value(rs.getString("VAR_TYPE_"), rs.getString("TEXT_"), longValue, rs.getDouble("DOUBLE_"));
          if (value != null) {
            variables.computeIfAbsent(id, i -> new HashMap<>()).put(rs.getString("NAME_"), value);
          }
        });
    Map<String, String> names = caller.userNames(new java.util.HashSet<>(variables.values().stream()
        .map(v -> v.get(REPORTER) == null ? null : v.get(REPORTER).toString()).toList()));
    Map<String, Recorded> latest = new HashMap<>();
    Comparator<Recorded> order = Comparator.comparing((Recorded r) -> r.asOfDate() == null ? "" : r.asOfDate())
        .thenComparing(Recorded::confirmedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
    for (Map.Entry<String, Map<String, Object>> instance : variables.entrySet()) {
      Map<String, Object> v = instance.getValue();
      if (!(v.get(TARGET_KEY) instanceof String key) || !(v.get(TARGET_VALUE) instanceof Number number)) {
        continue;
      }
      String reporter = v.get(REPORTER) == null ? null : v.get(REPORTER).toString();
      Recorded candidate = new Recorded(new BigDecimal(number.toString()), date(v.get(AS_OF_DATE)),
          v.get(SOURCE) == null ? null : v.get(SOURCE).toString(), reporter, names.getOrDefault(reporter, reporter),
          confirmedAt.get(instance.getKey()), instance.getKey());
      latest.merge(key, candidate, (a, b) -> order.compare(a, b) >= 0 ? a : b);
    }
    return latest;
  }

  /** A history variable's value from its columns, for the types a form or the API stores these values as. */
  private static Object value(String type, String text, Long longValue, double doubleValue) {
    return switch (type == null ? "" : type) {
      case "string" -> text;
      case "integer", "long", "short" -> longValue;
      case "double" -> doubleValue;
      case "date" -> longValue == null ? null : new Date(longValue);
      default -> null;
    };
  }

  /** Camunda Forms submit a date as "2025-10-01"; a value set through the API may be a Date. */
  private static String date(Object value) {
    if (value instanceof Date date) {
      return LocalDate.ofInstant(date.toInstant(), InstanceSearch.ZONE).toString();
    }
    return value == null ? null : value.toString().length() >= 10 ? value.toString().substring(0, 10) : value.toString();
  }

  private Row row(Target target, String countedBy, BigDecimal value, Recorded recorded, boolean forbidden) {
    BigDecimal percent = value == null || target.target() == null || target.target().signum() == 0 ? null
        : value.multiply(BigDecimal.valueOf(100)).divide(target.target(), 1, RoundingMode.HALF_UP);
    String status;
    if (forbidden) {
      status = "forbidden";
    } else if (value == null) {
      status = "no-data";
    } else if (target.comparison() == Comparison.NONE || target.target() == null) {
      status = "count-only";
    } else {
      status = met(target, value, properties.aboutTolerance()) ? "met" : "not-met";
    }
    return new Row(target.key(), target.label(), target.target(), target.comparison().name().toLowerCase().replace('_', '-'),
        target.comparison().symbol(), target.unit(), target.dueYear(), target.wording(), countedBy, value, percent, status,
        statusLabel(status), recorded);
  }

  /** Package-visible so the comparison of each seed verb (TGT-C1) is proven without an engine. */
  static boolean met(Target target, BigDecimal value, BigDecimal aboutTolerance) {
    return switch (target.comparison()) {
      case MORE_THAN -> value.compareTo(target.target()) > 0;
      case AT_LEAST -> value.compareTo(target.target()) >= 0;
      case AT_MOST -> value.compareTo(target.target()) <= 0;
      case ABOUT -> value.compareTo(target.target().multiply(BigDecimal.ONE.subtract(aboutTolerance))) >= 0;
      case NONE -> true;
    };
  }

  private static String statusLabel(String status) {
    return switch (status) {
      case "met" -> "已达到";
      case "not-met" -> "未达到";
      case "no-data" -> "尚未填报";
      case "count-only" -> "仅统计";
      default -> "无权查看";
    };
  }
}
