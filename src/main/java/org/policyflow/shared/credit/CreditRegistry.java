package org.policyflow.shared.credit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.policyflow.shared.credit.CreditRecord.ResponsiblePerson;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.stereotype.Service;

/**
 * The one registry of bad-credit, serious-dishonesty and accident records that eligibility checks consult
 * (TZP-E5, TZP-E6, BJC-I2) and that BJC-CR1 writes to. Each record is a completed
 * instance of process {@value #PROCESS_KEY}, so the registry is the engine's own history: who recorded
 * what, when and on which grounds is visible in Cockpit, and nothing is kept in a side table. A record's
 * business key is the organisation's unified social credit code.
 */
@Service
public class CreditRegistry {

  public static final String PROCESS_KEY = "credit-record";
  static final String PERSONS = "responsiblePersons";
  static final String PERSON_NAMES = "responsiblePersonNames";
  static final String PERSON_DOCUMENTS = "responsiblePersonDocuments";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final SystemAccess system;

  public CreditRegistry(RuntimeService runtimeService, HistoryService historyService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.system = system;
  }

  /** Writes a record (e.g. BJC-CR1); returns the record with the id of the instance that holds it. */
  public CreditRecord record(CreditRecord record) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("creditCode", CreditCode.normalise(record.creditCode()));
    variables.put("organisationName", record.organisationName());
    variables.put("recordType", record.type().value());
    variables.put("recordDate", record.recordDate().toString());
    variables.put("source", record.source());
    variables.put("description", record.description());
    variables.put("ruleId", record.ruleId());
    variables.put("recordedBy", record.recordedBy());
    if (!record.persons().isEmpty()) {
      variables.put(PERSONS, writePersons(record.persons()));
      // "、name、name、": one LIKE on this variable finds a person, whatever the order of the names.
      variables.put(PERSON_NAMES, "、" + String.join("、", record.persons().stream().map(ResponsiblePerson::name).toList()) + "、");
      List<String> documents = record.persons().stream().filter(p -> p.idType() != null && p.idNumber() != null)
          .map(p -> document(p.idType(), p.idNumber())).toList();
      if (!documents.isEmpty()) {
        variables.put(PERSON_DOCUMENTS, "、" + String.join("、", documents) + "、");
      }
    }
    String id = system.call(() -> runtimeService
        .startProcessInstanceByKey(PROCESS_KEY, CreditCode.normalise(record.creditCode()), variables).getId());
    return record.withProcessInstanceId(id);
  }

  /** Records of these types for the organisation dated within [from, to], oldest first. */
  public List<CreditRecord> find(String creditCode, Set<CreditRecordType> types, LocalDate from, LocalDate to) {
    return all(creditCode).stream()
        .filter(r -> types.contains(r.type()))
        .filter(r -> !r.recordDate().isBefore(from) && !r.recordDate().isAfter(to))
        .sorted((a, b) -> a.recordDate().compareTo(b.recordDate()))
        .toList();
  }

  /**
   * Records that name this person among those responsible (BJC-CR1 "相关人员"), oldest first, whichever
   * organisation they were recorded against.
   */
  public List<CreditRecord> findByPerson(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.contains("、") || trimmed.contains("%") || trimmed.contains("_")) {
      return List.of();
    }
    return system.call(() -> {
      List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PROCESS_KEY).completed()
          .variableValueLike(PERSON_NAMES, "%、" + trimmed + "、%").list();
      return records(instances).stream().sorted((a, b) -> a.recordDate().compareTo(b.recordDate())).toList();
    });
  }

  /**
   * Records that name the holder of this identity document among those responsible, oldest first: the way to
   * find a person for certain, where {@link #findByPerson} finds everybody of that name.
   */
  public List<CreditRecord> findByPersonDocument(String idType, String idNumber) {
    String number = PersonDocument.normalise(idNumber);
    if (!PersonDocument.TYPES.containsKey(idType) || number.isEmpty() || !number.matches("[A-Z0-9]+")) {
      return List.of();
    }
    return system.call(() -> {
      List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PROCESS_KEY).completed()
          .variableValueLike(PERSON_DOCUMENTS, "%、" + document(idType, number) + "、%").list();
      return records(instances).stream().sorted((a, b) -> a.recordDate().compareTo(b.recordDate())).toList();
    });
  }

  private static String document(String idType, String idNumber) {
    return idType + ":" + PersonDocument.normalise(idNumber);
  }

  /** Every record of the organisation. */
  public List<CreditRecord> all(String rawCreditCode) {
    String creditCode = CreditCode.normalise(rawCreditCode);
    return system.call(() -> {
      // By business key (= credit code, set by RegisterCreditRecordDelegate): an indexed lookup. A query
      // by the creditCode variable scanned that variable of every application and cooperation in history,
      // so each eligibility check grew slower with the number of applications ever made.
      List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(PROCESS_KEY)
          .processInstanceBusinessKey(creditCode)
          .completed()
          .list();
      return records(instances);
    });
  }

  private List<CreditRecord> records(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> variablesByInstance = new HashMap<>();
    historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .list()
        .forEach((HistoricVariableInstance v) -> variablesByInstance
            .computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue()));
    List<CreditRecord> records = new ArrayList<>();
    variablesByInstance.forEach((instanceId, vars) -> records.add(toRecord(instanceId, vars)));
    return records;
  }

  private static CreditRecord toRecord(String instanceId, Map<String, Object> vars) {
    return new CreditRecord(
        (String) vars.get("creditCode"),
        (String) vars.get("organisationName"),
        CreditRecordType.of((String) vars.get("recordType")).orElseThrow(),
        LocalDate.parse((String) vars.get("recordDate")),
        (String) vars.get("source"),
        (String) vars.get("description"),
        (String) vars.get("ruleId"),
        (String) vars.get("recordedBy"),
        instanceId,
        readPersons((String) vars.get(PERSONS)));
  }

  private static String writePersons(List<ResponsiblePerson> persons) {
    try {
      return JSON.writeValueAsString(persons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ResponsiblePerson> readPersons(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<ResponsiblePerson>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("credit-record persons: " + json, e);
    }
  }
}
