package org.policyflow.techcentre;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.quota.QuotaService;
import org.policyflow.shared.quota.QuotaStatus;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * TIC-Q1 "少而精": the cap on new licences per calendar year is a quota held by that year's
 * {@code tech-centre-round} instance (its owner), taken in the officer's own transaction when a centre is
 * put on the list. The running number of the licence comes from the same counter, so numbers are unique.
 */
@Component
public class TechCentreRounds {

  public static final String ROUND_PROCESS = "tech-centre-round";
  static final String QUOTA = "newLicences";

  private final RuntimeService runtimeService;
  private final SystemAccess system;
  private final QuotaService quotas;

  public TechCentreRounds(RuntimeService runtimeService, SystemAccess system, QuotaService quotas) {
    this.runtimeService = runtimeService;
    this.system = system;
    this.quotas = quotas;
  }

  /** The running round of the licensing year, if any. */
  public List<ProcessInstance> running(int year) {
    return system.call(() -> runtimeService.createProcessInstanceQuery().processDefinitionKey(ROUND_PROCESS)
        .variableValueEquals("licensingYear", year).list());
  }

  public QuotaStatus status(String roundInstanceId) {
    return quotas.status(roundInstanceId, QUOTA);
  }

  /** Takes one of the year's licences or refuses with TIC-Q1; must run inside the officer's command. */
  public QuotaStatus take(int year) {
    List<ProcessInstance> rounds = running(year);
    if (rounds.isEmpty()) {
      throw new PolicyRuleException("TIC-Q1", "listDecision", "本年度（" + year + "年）技术创新中心授牌尚未开启，请先发起本年度授牌",
          "No licensing round is open for " + year + ": open the year's round first");
    }
    return quotas.take(rounds.get(0).getId(), QUOTA,
        status -> new PolicyRuleException("TIC-Q1", "listDecision",
            "坚持“少而精”原则：" + year + "年新授牌名额（" + status.limit() + "个）已用完",
            "The year's cap of " + status.limit() + " new licences is reached"),
        () -> new PolicyRuleException("TIC-Q1", "listDecision",
            "同一时刻另一项确定名单已占用本年度授牌名额，请重新提交以核对剩余名额",
            "Another listing took a place at the same moment; submit again to check what is left"));
  }
}
