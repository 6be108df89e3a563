package org.policyflow.partner;

import static org.policyflow.partner.PartnerFixtures.at;
import static org.policyflow.partner.PartnerFixtures.eligibleApplication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.identity.IdentityProperties;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The Innovation Partner programme end to end, in simulated time: a call with 20 localities and 200
 * applications through eligibility, recommendation under quota, selection, the public notice with
 * objections, signing and three cooperation years (one agreement terminated for a verified violation).
 */
@PolicyflowIntegrationTest
class PartnerProgrammeSimulationTest {

  static final Set<String> PROGRAMME = Set.of("partner-call", "partner-application", "public-notice",
      "partner-cooperation", "partner-cooperation-year");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired IdentityProperties identity;
  @Autowired TestRestTemplate http;
  PartnerFixtures fixtures;
  ProcessInstance call;

  @BeforeEach
  void setUp() {
    fixtures = new PartnerFixtures(engine);
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    if (call != null) {
      List<String> all = historyService.createHistoricProcessInstanceQuery().unfinished().list().stream()
          .filter(p -> PROGRAMME.contains(p.getProcessDefinitionKey())).map(HistoricProcessInstance::getId).toList();
      runtimeService.deleteProcessInstancesIfExists(all, "test cleanup", true, true, false);
    }
  }

  @Test
  void partnerProgramme_200ApplicationsFrom20LocalitiesThroughThreeCooperationYears() {
    List<IdentityProperties.Locality> localities = identity.localities();
    Assertions.assertThat(localities).hasSize(20);
    call = fixtures.openCall("TZP-2026-SIM", "2026-03-20", 20, 3, Map.of());

    // 10 applications per locality; the last one of each locality is registered outside Tongzhou (TZP-E2).
    Map<String, String> localityOfApplication = new HashMap<>();
    for (int n = 0; n < 200; n++) {
      String locality = localities.get(n % 20).id();
      Map<String, Object> application = eligibleApplication("TZP-2026-SIM", 1000 + n, locality);
      if (n >= 180) {
        application.put("tongzhouPresence", "none");
      }
      if (n % 3 == 0) {
        application.put("industryField", "其他");
      }
      localityOfApplication.put(fixtures.apply(n % 2 == 0 ? "huanglei" : "xuting", application).getId(), locality);
    }

    // Each locality recommends while its quota of 3 lasts; the fourth recommendation is refused (TZP-Q1)
    // and the clerk then declines it and every further one with a reason.
    AtomicInteger quotaRefusals = new AtomicInteger();
    Map<String, Integer> declinedAfterRefusal = new HashMap<>();
    ProgrammeSimulator simulation = new ProgrammeSimulator(engine, PROGRAMME)
        .answer("Task_RecommendApplication", task -> {
          String locality = localityOfApplication.get(task.getProcessInstanceId());
          if (declinedAfterRefusal.containsKey(locality)) {
            return Map.of("recommendation", "decline", "declineReason", "本属地名额已满，择优推荐其他单位");
          }
          try {
            engine.getTaskService().complete(task.getId(), PartnerFixtures.recommendation());
          } catch (PolicyRuleException full) {
            Assertions.assertThat(full).hasMessageContaining("[TZP-Q1]");
            quotaRefusals.incrementAndGet();
            declinedAfterRefusal.put(locality, 1);
          }
          return null;
        })
        .answer("Task_SelectPartners", PartnerProgrammeAnswers.selectFirst(runtimeService, 20));
    PartnerProgrammeAnswers.fixed().forEach(simulation::answer);

    // Until the notice is published: recommendations, selection.
    simulation.runUntil(at(2026, 4, 8, 12));
    ProcessInstance notice = runtimeService.createProcessInstanceQuery().processDefinitionKey("public-notice")
        .superProcessInstanceId(call.getId()).singleResult();
    Assertions.assertThat(notice).as("the notice runs").isNotNull();
    Assertions.assertThat(quotaRefusals.get()).isEqualTo(20);

    // Two objections through the portal account (project endpoint; the portal holds no engine rights).
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> candidates = (List<Map<String, Object>>) runtimeService.getVariable(notice.getId(), "candidates");
    Assertions.assertThat(candidates).hasSize(20);
    object(notice, candidates.get(0), "该单位知识产权权属存在争议");
    object(notice, candidates.get(1), "研发人员数量与社保记录不符");
    String upheld = String.valueOf(candidates.get(0).get("candidateId"));
    simulation.answer("Task_VerifyObjection", task -> Map.of(
        "objectionDecision", upheld.equals(runtimeService.getVariable(task.getExecutionId(), "objectionCandidateId"))
            ? "upheld" : "notUpheld",
        "objectionFinding", "经核查，结论见附件材料"));

    // Through the notice, signing and the first cooperation year.
    simulation.runUntil(at(2027, 6, 1, 0));
    List<ProcessInstance> cooperations = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("partner-cooperation").superProcessInstanceId(call.getId()).list();
    Assertions.assertThat(cooperations).hasSize(19);

    // A verified safety accident of one partner, reported through the portal account in year 2.
    ProcessInstance violator = cooperations.get(0);
    ResponseEntity<Map> report = http.withBasicAuth("portal", "demo").postForEntity(
        "/api/partner-cooperations/" + violator.getId() + "/violation-reports", Map.of(
            "violationType", "safetyEnvironmentalAccident",
            "violationDescription", "厂区发生较大安全生产事故，区应急管理局已立案",
            "reporterName", "通州区应急管理局"), Map.class);
    Assertions.assertThat(report.getStatusCode()).as(String.valueOf(report.getBody())).isEqualTo(HttpStatus.ACCEPTED);
    simulation.answer("Task_VerifyViolation", Map.of("violationVerified", "verified", "violationFinding", "经调查报告确认",
        "accidentMajor", "major"));

    simulation.runUntil(at(2029, 12, 31, 0));

    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(call.getId()).count())
        .as("the call ends with the last cooperation").isZero();
    Map<String, Long> outcomes = historyService.createHistoricVariableInstanceQuery().variableName("outcome").list()
        .stream().filter(v -> localityOfApplication.containsKey(v.getProcessInstanceId()))
        .collect(Collectors.groupingBy(v -> (String) v.getValue(), Collectors.counting()));
    Assertions.assertThat(outcomes).containsEntry("not-eligible", 20L).containsEntry("not-recommended", 120L)
        .containsEntry("not-selected", 40L).containsEntry("removed-after-objection", 1L).containsEntry("selected", 19L);
    Assertions.assertThat(ended("partner-cooperation", "EndEvent_CooperationCompleted")).isEqualTo(18);
    Assertions.assertThat(ended("partner-cooperation", "EndEvent_AgreementTerminated")).isEqualTo(1);
    Assertions.assertThat(ended("partner-cooperation-year", "EndEvent_CooperationYearCompleted"))
        .as("18 partners × 3 years + the two years the terminated partner completed before June 2027")
        .isEqualTo(18 * 3 + 2);
    Assertions.assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("partner-application")
        .unfinished().count()).isZero();
  }

  private void object(ProcessInstance notice, Map<String, Object> candidate, String reason) {
    ResponseEntity<Map> accepted = http.withBasicAuth("portal", "demo").postForEntity(
        "/api/notices/" + notice.getId() + "/objections", Map.of(
            "candidateId", String.valueOf(candidate.get("candidateId")), "reason", reason,
            "objectorName", "张三", "objectorContact", "13911112222"), Map.class);
    Assertions.assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
  }

  private long ended(String processKey, String endEventId) {
    return historyService.createHistoricActivityInstanceQuery().activityId(endEventId).finished().list().stream()
        .filter(a -> historyService.createHistoricProcessInstanceQuery().processInstanceId(a.getProcessInstanceId())
            .singleResult().getProcessDefinitionKey().equals(processKey))
        .filter(a -> belongsToCall(a.getProcessInstanceId()))
        .count();
  }

  private boolean belongsToCall(String instanceId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    while (instance.getSuperProcessInstanceId() != null) {
      instance = historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(instance.getSuperProcessInstanceId()).singleResult();
    }
    return instance.getId().equals(call.getId());
  }
}
