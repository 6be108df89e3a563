package org.policyflow.benchmark;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.Spin;
import org.policyflow.partner.application.PartnerApplications;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The bare-engine variant of the partner programme: the same BPMN models, with every delegate and
 * listener bean they name wrapped so that, while {@link #bare} is on, a no-op stands in for it. A no-op
 * sets only what the models themselves read (gateway conditions, timer dates, call-activity inputs,
 * candidate groups) and does the engine work that moves the flow on (the selection message to each
 * recommended application), from values the driver gives it instead of queries and rule checks. Both
 * variants therefore run the same activities, tasks, jobs and timers in one JVM; the difference in time
 * is the rules' own cost.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BareDelegates {

  /** Read by every wrapped bean on each call: on = no-op, off = the real rule. */
  static volatile boolean bare;

  /** What the driver knows and a no-op would otherwise have to look up (set before a bare run). */
  static volatile Date applicationClosesAt;
  static volatile Date recommendationClosesAt;
  static volatile int localityQuota;
  /** Rows of recommended applications as the driver recorded them when the recommendations went through. */
  static final List<Map<String, Object>> recommended = new ArrayList<>();
  private static final Map<String, AtomicInteger> recommendationsByLocality = new ConcurrentHashMap<>();

  static void reset() {
    synchronized (recommended) {
      recommended.clear();
    }
    recommendationsByLocality.clear();
    realNanos.clear();
    realCalls.clear();
  }

  /** Every delegate and listener bean named in the partner programme's models. */
  static final Set<String> MODEL_BEANS = Set.of("acceptPartnerApplication", "checkPartnerEligibility",
      "showLocalityQuota", "recordRecommendation", "recordRecommendationLapsed", "recordMaterialsMissing", "describeOutcome", "openPartnerCall",
      "collectRecommendations", "recordPartnerSelection", "publishPartnerResults", "noticePublication",
      "noticeObjectionIntake", "noticeObjectionFindingCheck", "noticeCandidateRemoval", "noticeResult",
      "partnerFormCheck", "reportReminder", "agreementSigning", "cooperationYearRecord", "violationIntake",
      "violationRecord", "agreementTermination", "recordPartnerReview", "evaluatePartnerReview", "reviewCriteriaSheet",
      "recordNotEligible", "violationCreditRecord");

  @Bean
  static BeanPostProcessor bareDelegateSwitch() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!MODEL_BEANS.contains(beanName)) {
          return bean;
        }
        Object noOp = noOp(beanName);
        if (noOp == null) {
          throw new IllegalStateException("No bare stand-in for model bean " + beanName);
        }
        return new Switch(beanName, bean, noOp);
      }
    };
  }

  /** Time spent in each real bean (the profile of the rules), cleared with {@link #reset()}. */
  static final Map<String, LongAdder> realNanos = new ConcurrentHashMap<>();
  static final Map<String, LongAdder> realCalls = new ConcurrentHashMap<>();

  /** Both a delegate and a listener, as the bean it wraps is one or the other. */
  record Switch(String name, Object real, Object noOp) implements JavaDelegate, ExecutionListener {
    @Override
    public void execute(DelegateExecution execution) throws Exception {
      if (bare) {
        ((JavaDelegate) noOp).execute(execution);
        return;
      }
      long start = System.nanoTime();
      try {
        ((JavaDelegate) real).execute(execution);
      } finally {
        timed(start);
      }
    }

    @Override
    public void notify(DelegateExecution execution) throws Exception {
      if (bare) {
        ((ExecutionListener) noOp).notify(execution);
        return;
      }
      long start = System.nanoTime();
      try {
        ((ExecutionListener) real).notify(execution);
      } finally {
        timed(start);
      }
    }

    private void timed(long start) {
      realNanos.computeIfAbsent(name, k -> new LongAdder()).add(System.nanoTime() - start);
      realCalls.computeIfAbsent(name, k -> new LongAdder()).increment();
    }
  }

  private static Object noOp(String beanName) {
    return switch (beanName) {
      case "acceptPartnerApplication" -> (JavaDelegate) e -> {
        String callId = (String) e.getVariable("callId");
        e.setVariable("localityName", e.getVariable("localityGroup"));
        e.setVariable("applicationClosesAt", applicationClosesAt);
        e.setVariable("recommendationClosesAt", recommendationClosesAt);
        e.setProcessBusinessKey(callId + ":" + e.getVariable("creditCode"));
      };
      case "checkPartnerEligibility" -> (JavaDelegate) e -> {
        boolean eligible = !"none".equals(e.getVariable("tongzhouPresence"));
        e.setVariable("eligible", eligible);
        // TZP-E2 is a 原则上 condition: the locality may ask for an exception (rule-exceptions.yaml).
        e.setVariable("eligibilityExceptionPossible", !eligible);
        e.setVariable("priorityField", true);
        if (!eligible) {
          e.setVariable("outcome", "not-eligible");
        }
      };
      case "recordRecommendation" -> (JavaDelegate) e -> {
        if ("recommend".equals(e.getVariable("recommendation"))) {
          // The same refusal at the same point as TZP-Q1, from a counter in memory instead of the engine.
          AtomicInteger taken = recommendationsByLocality.computeIfAbsent((String) e.getVariable("localityGroup"),
              k -> new AtomicInteger());
          if (taken.incrementAndGet() > localityQuota) {
            taken.decrementAndGet();
            throw new PolicyRuleException("TZP-Q1", "recommendation", "名额已用完", "quota used up");
          }
          e.setVariable("recommended", true);
        } else {
          e.setVariable("recommended", false);
          e.setVariable("outcome", "not-recommended");
        }
      };
      case "recordMaterialsMissing" -> (JavaDelegate) e -> e.setVariable("outcome", "materials-missing");
      case "recordRecommendationLapsed" -> (JavaDelegate) e -> {
        e.setVariable("recommended", false);
        e.setVariable("outcome", "not-recommended");
      };
      case "openPartnerCall" -> (JavaDelegate) e -> {
        e.setVariable("callId", e.getProcessBusinessKey());
        e.setVariable("noticeDays", 5);
        e.setVariable("applicationClosesAt", applicationClosesAt);
        e.setVariable("recommendationClosesAt", recommendationClosesAt);
      };
      case "collectRecommendations" -> (JavaDelegate) e -> {
        List<Map<String, Object>> rows;
        synchronized (recommended) {
          rows = new ArrayList<>(recommended);
        }
        List<Map<String, Object>> options = new ArrayList<>();
        rows.forEach(r -> options.add(Map.of("label", r.get("organisationName"), "value", r.get("applicationId"))));
        e.setVariable("recommendedApplications", rows);
        // As the real delegate keeps it: a JSON value, which Tasklist submits back as JSON.
        e.setVariable("recommendationOptions", Spin.JSON(options));
        // Read by the review's multi-instance and due date (partner.yaml policyflow.partner.review).
        e.setVariable("partnerReviewers", 2);
        e.setVariable("partnerReviewWorkingDays", 5);
      };
      case "recordPartnerSelection" -> (JavaDelegate) e -> {
        @SuppressWarnings("unchecked")
        List<String> selected = (List<String>) e.getVariable("selectedApplications");
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Map<String, Object> row : rows(e, "recommendedApplications")) {
          if (selected.contains(String.valueOf(row.get("applicationId")))) {
            Map<String, Object> candidate = new LinkedHashMap<>();
            candidate.put("candidateId", row.get("applicationId"));
            candidate.put("organisationName", row.get("organisationName"));
            candidate.put("creditCode", row.get("creditCode"));
            candidate.put("localityGroup", row.get("localityGroup"));
            candidates.add(candidate);
          }
        }
        e.setVariable("candidates", candidates);
        e.setVariable("selectedCount", candidates.size());
      };
      case "publishPartnerResults" -> (JavaDelegate) e -> {
        List<String> finalIds = rows(e, "finalList").stream().map(c -> String.valueOf(c.get("candidateId"))).toList();
        List<String> removedIds = rows(e, "removedCandidates").stream()
            .map(c -> String.valueOf(c.get("candidateId"))).toList();
        List<Map<String, Object>> partners = new ArrayList<>();
        for (Map<String, Object> row : rows(e, "recommendedApplications")) {
          String id = String.valueOf(row.get("applicationId"));
          String outcome = finalIds.contains(id) ? "selected"
              : removedIds.contains(id) ? "removed-after-objection" : "not-selected";
          if (finalIds.contains(id)) {
            Map<String, Object> partner = new LinkedHashMap<>();
            partner.put("applicationInstanceId", id);
            partner.put("applicant", row.get("applicant"));
            partner.put("organisationName", row.get("organisationName"));
            partner.put("creditCode", row.get("creditCode"));
            partner.put("localityGroup", row.get("localityGroup"));
            partners.add(partner);
          }
          e.getProcessEngineServices().getRuntimeService()
              .createMessageCorrelation(PartnerApplications.SELECTION_MESSAGE).processInstanceId(id)
              .setVariable("outcome", outcome).correlate();
        }
        e.setVariable("partners", partners);
        e.setVariable("partnerCount", partners.size());
      };
      case "noticePublication" -> (JavaDelegate) e -> {
        // Calendar days instead of the working-day calendar: the same timer, a different date.
        e.setVariable("noticeEndsAt", Date.from(ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
            PartnerProgrammeBenchmark.ZONE).plusDays(7).toInstant()));
        e.setVariable("currentList", e.getVariable("candidates"));
        e.setVariable("removedCandidates", new ArrayList<>());
      };
      case "noticeObjectionIntake" -> (ExecutionListener) e -> {
        // The verification task's name reads it.
        e.setVariableLocal("objectionOrganisationName", String.valueOf(e.getVariable("objectionCandidateId")));
        e.setVariableLocal("objectionDecision", null);
        e.setVariableLocal("objectionFinding", null);
      };
      case "noticeCandidateRemoval" -> (JavaDelegate) e -> {
        String candidateId = String.valueOf(e.getVariable("objectionCandidateId"));
        List<Map<String, Object>> current = rows(e, "currentList");
        List<Map<String, Object>> removed = rows(e, "removedCandidates");
        current.stream().filter(c -> candidateId.equals(String.valueOf(c.get("candidateId")))).forEach(removed::add);
        current.removeIf(c -> candidateId.equals(String.valueOf(c.get("candidateId"))));
        e.setVariable("currentList", current);
        e.setVariable("removedCandidates", removed);
      };
      case "noticeResult" -> (JavaDelegate) e -> e.setVariable("finalList", e.getVariable("currentList"));
      case "agreementSigning" -> (JavaDelegate) e -> {
        Date now = ClockUtil.getCurrentTime();
        e.setVariable("agreementSignedAt", now);
        e.setVariable("cooperationEndsAt", Date.from(ZonedDateTime.ofInstant(now.toInstant(), PartnerProgrammeBenchmark.ZONE)
            .plusYears(3).toInstant()));
      };
      case "violationIntake" -> (ExecutionListener) e -> {
        // The verification task's name reads it.
        e.setVariableLocal("violationTypeLabel", String.valueOf(e.getVariable("violationType")));
        e.setVariableLocal("violationVerified", null);
        e.setVariableLocal("violationFinding", null);
      };
      case "showLocalityQuota", "describeOutcome", "noticeObjectionFindingCheck", "partnerFormCheck",
          "cooperationYearRecord" -> (ExecutionListener) e -> { };
      // The gateway 是否记入信用记录？ reads it; the bare run writes no registry entry.
      // The review by criteria (TZP-R2) records and sums up scores nobody reads in the bare engine.
      case "recordPartnerReview", "violationCreditRecord" -> (JavaDelegate) e -> { };
      case "reviewCriteriaSheet" -> (ExecutionListener) e -> { };
      case "evaluatePartnerReview" -> (JavaDelegate) e -> e.setVariable("belowPassLineCount", 0);
      case "recordNotEligible" -> (JavaDelegate) e -> e.setVariable("outcome", "not-eligible");
      case "violationRecord" -> (JavaDelegate) e -> e.setVariableLocal("creditRecordType", "");
      case "reportReminder", "agreementTermination" -> (JavaDelegate) e -> { };
      default -> null;
    };
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(DelegateExecution execution, String name) {
    List<Map<String, Object>> copy = new ArrayList<>();
    Object value = execution.getVariable(name);
    if (value instanceof List<?> items) {
      items.forEach(item -> copy.add(new LinkedHashMap<>((Map<String, Object>) item)));
    }
    return copy;
  }
}
