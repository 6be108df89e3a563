package org.policyflow.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
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

  public InstanceSearch(HistoryService historyService, IdentityService identityService, AuditCaller caller) {
    this.historyService = historyService;
    this.identityService = identityService;
    this.caller = caller;
  }

  public Page page(Criteria criteria, int firstResult, int maxResults) {
    int size = Math.max(1, Math.min(maxResults, MAX_PAGE));
    HistoricProcessInstanceQuery query = query(criteria, partyFilter(criteria));
    if (query == null) {
      return new Page(0, firstResult, size, List.of());
    }
    long total = query.count();
    List<HistoricProcessInstance> instances = query.orderByProcessInstanceStartTime().desc()
        .listPage(Math.max(0, firstResult), size);
    return new Page(total, firstResult, size, rows(instances));
  }

  /**
   * Every match, newest first, handed over one page at a time (for the CSV export): memory holds one page
   * whatever the total. Pages follow the start time (the next page starts at the last start time seen, ids
   * already handed over at that instant are skipped), not an offset, which the database would have to count
   * through again for every page of a large export.
   */
  public void forEach(Criteria criteria, int pageSize, Consumer<List<InstanceRow>> consumer) {
    Set<String> party = partyFilter(criteria);
    Long before = null;
    Set<String> seenAtBoundary = new HashSet<>();
    while (true) {
      HistoricProcessInstanceQuery query = query(criteria, party);
      if (query == null) {
        return;
      }
      if (before != null) {
        query.startedBefore(new Date(before));
      }
      int limit = pageSize + seenAtBoundary.size();
      List<HistoricProcessInstance> page = query.orderByProcessInstanceStartTime().desc().listPage(0, limit);
      List<HistoricProcessInstance> fresh = page.stream().filter(i -> !seenAtBoundary.contains(i.getId())).toList();
      if (fresh.isEmpty()) {
        return;
      }
      consumer.accept(rows(fresh));
      long last = fresh.get(fresh.size() - 1).getStartTime().getTime();
      if (before == null || last != before) {
        seenAtBoundary.clear();
      }
      before = last;
      fresh.stream().filter(i -> i.getStartTime().getTime() == last).forEach(i -> seenAtBoundary.add(i.getId()));
      if (page.size() < limit) {
        return;
      }
    }
  }

  /** One instance the caller may read, or null. */
  public InstanceRow row(String processInstanceId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return instance == null || !caller.mayReadHistory(instance.getProcessDefinitionKey())
        ? null : rows(List.of(instance)).get(0);
  }

  public List<InstanceRow> rows(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> facts = new java.util.HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(ORGANISATION_NAME, CREDIT_CODE).disableCustomObjectDeserialization().list()) {
      facts.computeIfAbsent(variable.getProcessInstanceId(), id -> new java.util.HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
    Set<String> starters = new HashSet<>();
    instances.forEach(i -> starters.add(i.getStartUserId()));
    Map<String, String> names = caller.userNames(starters);
    return instances.stream().map(i -> {
      Map<String, Object> f = facts.getOrDefault(i.getId(), Map.of());
      return new InstanceRow(i.getId(), i.getProcessDefinitionKey(), i.getProcessDefinitionName(),
          i.getProcessDefinitionVersion(), i.getProcessDefinitionId(), i.getBusinessKey(), stateKey(i.getState()),
          stateLabel(i.getState()), i.getStartTime(), i.getEndTime(), i.getDurationInMillis(), i.getStartUserId(),
          names.getOrDefault(i.getStartUserId(), i.getStartUserId()), text(f.get(ORGANISATION_NAME)),
          text(f.get(CREDIT_CODE)), i.getSuperProcessInstanceId(), i.getDeleteReason());
    }).toList();
  }

  /** The instances the organisation filter matches; null without that filter. */
  private Set<String> partyFilter(Criteria criteria) {
    return has(criteria.party()) ? partyMatches(criteria.party().trim()) : null;
  }

  /** The engine query for the criteria, or null when the organisation filter matches nothing. */
  private HistoricProcessInstanceQuery query(Criteria criteria, Set<String> party) {
    Map<String, String> readable = caller.readableProcesses();
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery();
    if (has(criteria.processKey())) {
      if (!readable.containsKey(criteria.processKey())) {
        return null;
      }
      query.processDefinitionKey(criteria.processKey());
    } else {
      query.processDefinitionKeyIn(readable.keySet().toArray(String[]::new));
    }
    if (has(criteria.businessKey())) {
      query.processInstanceBusinessKeyLike("%" + criteria.businessKey().trim() + "%");
    }
    if (has(criteria.state())) {
      switch (criteria.state()) {
        case "running" -> query.unfinished();
        case "completed" -> query.completed();
        case "terminated" -> query.internallyTerminated();
        case "cancelled" -> query.externallyTerminated();
        default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "state: running | completed | terminated | cancelled");
      }
    }
    if (criteria.from() != null) {
      query.startedAfter(startOfDay(criteria.from()));
    }
    if (criteria.to() != null) {
      query.startedBefore(startOfDay(criteria.to().plusDays(1)));
    }
    if (party != null) {
      if (party.isEmpty()) {
        return null;
      }
      query.processInstanceIds(party);
    }
    return query;
  }

  private Set<String> partyMatches(String party) {
    Set<String> ids = new HashSet<>();
    String like = "%" + party + "%";
    for (String variable : List.of(ORGANISATION_NAME, CREDIT_CODE)) {
      historyService.createHistoricProcessInstanceQuery().variableValueLike(variable, like)
          .matchVariableValuesIgnoreCase().list().forEach(i -> ids.add(i.getId()));
    }
    Set<String> users = new HashSet<>();
    users.add(party);
    identityService.createUserQuery().userFirstNameLike(like).list().forEach(u -> users.add(u.getId()));
    identityService.createUserQuery().userLastNameLike(like).list().forEach(u -> users.add(u.getId()));
    // A full Chinese name (姓 + 名) is split over two fields.
    for (User user : identityService.createUserQuery().userLastNameLike(party.substring(0, 1) + "%").list()) {
      if ((user.getLastName() + user.getFirstName()).equals(party)) {
        users.add(user.getId());
      }
    }
    for (String user : users) {
      historyService.createHistoricProcessInstanceQuery().startedBy(user).list().forEach(i -> ids.add(i.getId()));
    }
    return ids;
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

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
