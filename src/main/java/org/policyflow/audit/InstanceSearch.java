package org.policyflow.audit;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.policyflow.shared.identity.PersonNames;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * History search over all process instances, running and ended, under the caller's authorizations.
 * The organisation filter matches the organisation name, the unified social credit code, and the user who
 * started the instance (id or name), because auditors look applicants up by whichever they have at hand.
 */
@Component
public class InstanceSearch {

  public static final String ORGANISATION_NAME = "organisationName";
  public static final String CREDIT_CODE = "creditCode";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int MAX_PAGE = 200;

  public record Criteria(String processKey, String businessKey, String party, String state, LocalDate from,
      LocalDate to) {}

  public record InstanceRow(String id, String processKey, String processName, Integer version,
      String processDefinitionId, String businessKey, String state, String stateLabel, Date startTime,
      Date endTime, Long durationMs, String startUserId, String startUserName, String organisationName,
      String creditCode, String superProcessInstanceId, String deleteReason) {}

  public record Page(long total, int firstResult, int maxResults, List<InstanceRow> items) {}

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final AuditCaller caller;
  private final NamedParameterJdbcTemplate jdbc;

  public InstanceSearch(HistoryService historyService, IdentityService identityService, AuditCaller caller,
      DataSource dataSource) {
    this.historyService = historyService;
    this.identityService = identityService;
    this.caller = caller;
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
  }

  public Page page(Criteria criteria, int firstResult, int maxResults) {
    int size = Math.max(1, Math.min(maxResults, MAX_PAGE));
    int first = Math.max(0, firstResult);
    Where where = where(criteria);
    if (where == null) {
      return new Page(0, first, size, List.of());
    }
    MapSqlParameterSource params = where.params().addValue("first", first).addValue("size", size);
    String limit = "OFFSET :first ROWS FETCH NEXT :size ROWS ONLY";
    if (where.text()) {
      // A text filter ("contains") reads every candidate row whatever the plan; the total comes with the page
      // from that one read instead of a second COUNT that reads them all again. Only a page past the end
      // has no row to carry the total.
      long[] total = {-1};
      List<InstanceRow> rows = select(where.from(), where.sql(), params, limit, total);
      return new Page(total[0] >= 0 ? total[0] : count(where), first, size, rows);
    }
    // Without a text filter a page stops after its rows in index order; counting is a separate, cheap read.
    long total = count(where);
    List<InstanceRow> rows = total == 0 ? List.of() : select(where.from(), where.sql(), params, limit, null);
    return new Page(total, first, size, rows);
  }

  private long count(Where where) {
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM " + where.from() + " WHERE " + where.sql(), where.params(),
        Long.class);
    return total == null ? 0 : total;
  }

  /**
   * Every match, newest first, handed over one page at a time (for the CSV export): memory holds one page
   * whatever the total. Each page continues after the last row handed over (start time, then id, the sort
   * order), not at an offset, which the database would have to count through again for every page.
   */
  public void forEach(Criteria criteria, int pageSize, Consumer<List<InstanceRow>> consumer) {
    Where where = where(criteria);
    if (where == null) {
      return;
    }
    String sql = where.sql();
    MapSqlParameterSource params = where.params().addValue("size", pageSize);
    while (true) {
      List<InstanceRow> page = select(where.from(), sql, params, "FETCH FIRST :size ROWS ONLY", null);
      if (page.isEmpty()) {
        return;
      }
      consumer.accept(page);
      if (page.size() < pageSize) {
        return;
      }
      InstanceRow last = page.get(page.size() - 1);
      sql = where.sql() + " AND (P.START_TIME_ < :lastStart OR (P.START_TIME_ = :lastStart AND P.ID_ < :lastId))";
      params.addValue("lastStart", new Timestamp(last.startTime().getTime())).addValue("lastId", last.id());
    }
  }

  /** One instance the caller may read, or null. */
  public InstanceRow row(String processInstanceId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return instance == null || !caller.mayReadHistory(instance.getProcessDefinitionKey())
        ? null : rows(List.of(instance)).get(0);
  }

  /** Rows for instances the engine has already handed to the caller (and thus checked). */
  public List<InstanceRow> rows(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, String>> facts = facts(instances.stream().map(HistoricProcessInstance::getId).toList());
    Map<String, String> names = caller.userNames(instances.stream().map(HistoricProcessInstance::getStartUserId)
        .collect(Collectors.toSet()));
    return instances.stream().map(i -> {
      Map<String, String> f = facts.getOrDefault(i.getId(), Map.of());
      return new InstanceRow(i.getId(), i.getProcessDefinitionKey(), i.getProcessDefinitionName(),
          i.getProcessDefinitionVersion(), i.getProcessDefinitionId(), i.getBusinessKey(), stateKey(i.getState()),
          stateLabel(i.getState()), i.getStartTime(), i.getEndTime(), i.getDurationInMillis(), i.getStartUserId(),
          names.getOrDefault(i.getStartUserId(), i.getStartUserId()), f.get(ORGANISATION_NAME), f.get(CREDIT_CODE),
          i.getSuperProcessInstanceId(), i.getDeleteReason());
    }).toList();
  }

  /**
   * The instances to read ({@code from}: ACT_HI_PROCINST as P, joined to the matches of a text filter when there
   * is one), a WHERE clause over P, its parameters, and whether there is a text filter.
   */
  private record Where(String from, String sql, MapSqlParameterSource params, boolean text) {}

  /**
   * The criteria as SQL, or null when nothing can match. The caller's right to read history is decided by the
   * engine, once per process (READ_HISTORY, revokes included: {@link AuditCaller#readableProcesses()}); the
   * query then reads only those processes' instances. That is the same answer the engine's own history query
   * gives, whose per-row permission check under a count of every match took seconds on ten years of
   * history (docs/history.md, "Query shapes").
   */
  private Where where(Criteria criteria) {
    Map<String, String> readable = caller.readableProcesses();
    StringBuilder sql = new StringBuilder();
    MapSqlParameterSource params = new MapSqlParameterSource();
    if (has(criteria.processKey())) {
      if (!readable.containsKey(criteria.processKey())) {
        return null;
      }
      sql.append("P.PROC_DEF_KEY_ = :processKey");
      params.addValue("processKey", criteria.processKey());
    } else if (has(criteria.businessKey()) || has(criteria.party())) {
      sql.append("P.PROC_DEF_KEY_ IN (:processKeys)");
      params.addValue("processKeys", readable.keySet());
    } else {
      // As a plain column condition, H2 reads every instance of the listed processes through the key index
      // and sorts them all to find the newest 20. As an expression, the list is checked on the rows the
      // start-time index (PF_IDX_HI_PRO_INST_START_ID) delivers newest first, and a page (or an export
      // page) stops after its rows. With a text filter only the matches are read (below): sorting those is
      // faster than walking all of history in time order.
      sql.append("COALESCE(P.PROC_DEF_KEY_, '') IN (:processKeys)");
      params.addValue("processKeys", readable.keySet());
    }
    // A text filter ("contains") cannot be served by an index seek: the instances that match are found first,
    // in narrow index entries (the business key index; PF_IDX_HI_VAR_NAME_TEXT on H2), and only those are read
    // from the instance table and sorted. Written as a condition on the instance table instead, every instance
    // of ten years of history was read (docs/history.md, "Query shapes").
    String from = "ACT_HI_PROCINST P";
    if (has(criteria.party())) {
      String party = criteria.party().trim();
      // Organisation name or credit code of the instance itself (a yearly instance carries its own), or the
      // person who started it.
      from = matching("SELECT V.PROC_INST_ID_ AS MATCH_ID_ FROM ACT_HI_VARINST V WHERE V.NAME_ IN (:partyVariables)"
          + " AND LOWER(V.TEXT_) LIKE :party ESCAPE '\\'"
          + " UNION SELECT U.ID_ FROM ACT_HI_PROCINST U WHERE U.START_USER_ID_ IN (:users)");
      params.addValue("partyVariables", List.of(ORGANISATION_NAME, CREDIT_CODE));
      params.addValue("party", "%" + escapeLike(party.toLowerCase(Locale.ROOT)) + "%");
      params.addValue("users", users(party));
    }
    if (has(criteria.businessKey())) {
      params.addValue("businessKey", "%" + escapeLike(criteria.businessKey().trim()) + "%");
      if (has(criteria.party())) {
        sql.append(" AND P.BUSINESS_KEY_ LIKE :businessKey ESCAPE '\\'");
      } else {
        from = matching("SELECT U.ID_ AS MATCH_ID_ FROM ACT_HI_PROCINST U WHERE U.BUSINESS_KEY_ LIKE :businessKey"
            + " ESCAPE '\\'");
      }
    }
    if (has(criteria.state())) {
      switch (criteria.state()) {
        case "running" -> sql.append(" AND P.END_TIME_ IS NULL");
        case "completed" -> sql.append(" AND P.STATE_ = 'COMPLETED'");
        case "terminated" -> sql.append(" AND P.STATE_ = 'INTERNALLY_TERMINATED'");
        case "cancelled" -> sql.append(" AND P.STATE_ = 'EXTERNALLY_TERMINATED'");
        default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "state: running | completed | terminated | cancelled");
      }
    }
    if (criteria.from() != null) {
      sql.append(" AND P.START_TIME_ >= :from");
      params.addValue("from", new Timestamp(startOfDay(criteria.from()).getTime()));
    }
    if (criteria.to() != null) {
      sql.append(" AND P.START_TIME_ < :to");
      params.addValue("to", new Timestamp(startOfDay(criteria.to().plusDays(1)).getTime()));
    }
    return new Where(from, sql.toString(), params, has(criteria.businessKey()) || has(criteria.party()));
  }

  /** The instances (as P) whose ids a text filter's statement selects (as MATCH_ID_), joined by primary key. */
  private static String matching(String matchIds) {
    return "(" + matchIds + ") M JOIN ACT_HI_PROCINST P ON P.ID_ = M.MATCH_ID_";
  }

  /**
   * The rows of one page, newest first. With {@code total} given, the statement also counts every match
   * (a window over the whole result, before the page is cut) and puts it into {@code total[0]}.
   */
  private List<InstanceRow> select(String from, String where, MapSqlParameterSource params, String limit, long[] total) {
    List<InstanceRow> rows = jdbc.query("SELECT P.ID_, P.PROC_DEF_KEY_, P.PROC_DEF_ID_, P.BUSINESS_KEY_, P.STATE_,"
        + " P.START_TIME_, P.END_TIME_, P.DURATION_, P.START_USER_ID_, P.SUPER_PROCESS_INSTANCE_ID_, P.DELETE_REASON_,"
        + " D.NAME_ AS DEF_NAME_, D.VERSION_ AS DEF_VERSION_" + (total == null ? "" : ", COUNT(*) OVER () AS TOTAL_")
        + " FROM " + from + " LEFT JOIN ACT_RE_PROCDEF D ON D.ID_ = P.PROC_DEF_ID_"
        + " WHERE " + where + " ORDER BY P.START_TIME_ DESC, P.ID_ DESC " + limit, params, (rs, n) -> {
          if (total != null) {
            total[0] = rs.getLong("TOTAL_");
          }
          String state = rs.getString("STATE_");
          long duration = rs.getLong("DURATION_");
          Long durationMs = rs.wasNull() ? null : duration;
          int version = rs.getInt("DEF_VERSION_");
          Integer versionOrNull = rs.wasNull() ? null : version;
          return new InstanceRow(rs.getString("ID_"), rs.getString("PROC_DEF_KEY_"), rs.getString("DEF_NAME_"),
              versionOrNull, rs.getString("PROC_DEF_ID_"), rs.getString("BUSINESS_KEY_"), stateKey(state),
              stateLabel(state), date(rs.getTimestamp("START_TIME_")), date(rs.getTimestamp("END_TIME_")), durationMs,
              rs.getString("START_USER_ID_"), null, null, null, rs.getString("SUPER_PROCESS_INSTANCE_ID_"),
              rs.getString("DELETE_REASON_"));
        });
    if (rows.isEmpty()) {
      return rows;
    }
    Map<String, Map<String, String>> facts = facts(rows.stream().map(InstanceRow::id).toList());
    Map<String, String> names = caller.userNames(rows.stream().map(InstanceRow::startUserId).collect(Collectors.toSet()));
    return rows.stream().map(r -> {
      Map<String, String> f = facts.getOrDefault(r.id(), Map.of());
      return new InstanceRow(r.id(), r.processKey(), r.processName(), r.version(), r.processDefinitionId(),
          r.businessKey(), r.state(), r.stateLabel(), r.startTime(), r.endTime(), r.durationMs(), r.startUserId(),
          names.getOrDefault(r.startUserId(), r.startUserId()), f.get(ORGANISATION_NAME), f.get(CREDIT_CODE),
          r.superProcessInstanceId(), r.deleteReason());
    }).toList();
  }

  /** Organisation name and credit code of instances the caller may read (ids from a checked query). */
  private Map<String, Map<String, String>> facts(List<String> instanceIds) {
    Map<String, Map<String, String>> facts = new HashMap<>();
    jdbc.query("SELECT PROC_INST_ID_, NAME_, TEXT_ FROM ACT_HI_VARINST WHERE PROC_INST_ID_ IN (:ids)"
        + " AND NAME_ IN (:names)", new MapSqlParameterSource("ids", instanceIds)
        .addValue("names", List.of(ORGANISATION_NAME, CREDIT_CODE)), (RowCallbackHandler) rs ->
        facts.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2), rs.getString(3)));
    return facts;
  }

  /** The user named by the organisation filter: the id itself, users whose first or last name contain it, a full name. */
  private Set<String> users(String party) {
    Set<String> users = new HashSet<>();
    users.add(party);
    String like = "%" + party + "%";
    identityService.createUserQuery().userFirstNameLike(like).list().forEach(u -> users.add(u.getId()));
    identityService.createUserQuery().userLastNameLike(like).list().forEach(u -> users.add(u.getId()));
    // A full Chinese name (姓 + 名) is split over two fields.
    for (User user : identityService.createUserQuery().userLastNameLike(party.substring(0, 1) + "%").list()) {
      if (PersonNames.displayName(user).equals(party)) {
        users.add(user.getId());
      }
    }
    return users;
  }

  static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Date date(Timestamp timestamp) {
    return timestamp == null ? null : new Date(timestamp.getTime());
  }

  static String stateKey(String engineState) {
    return switch (engineState == null ? "" : engineState) {
      case "ACTIVE", "SUSPENDED" -> "running";
      case "COMPLETED" -> "completed";
      case "INTERNALLY_TERMINATED" -> "terminated";
      case "EXTERNALLY_TERMINATED" -> "cancelled";
      default -> "unknown";
    };
  }

  static String stateLabel(String engineState) {
    return switch (engineState == null ? "" : engineState) {
      case "ACTIVE" -> "运行中";
      case "SUSPENDED" -> "已挂起";
      case "COMPLETED" -> "已完成";
      case "INTERNALLY_TERMINATED" -> "已终止";
      case "EXTERNALLY_TERMINATED" -> "已取消";
      default -> engineState;
    };
  }

  static Date startOfDay(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  private static boolean has(String value) {
    return value != null && !value.isBlank();
  }

}
