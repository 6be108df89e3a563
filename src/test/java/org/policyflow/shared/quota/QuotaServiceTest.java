package org.policyflow.shared.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * TZP-Q1 and every other quota: two transactions that both see one free place and both take it
 * cannot both commit. The interleaving is forced: both read before either writes.
 */
@PolicyflowIntegrationTest
class QuotaServiceTest {

  @Autowired ProcessEngine engine;
  @Autowired QuotaService quotas;
  ProcessInstance owner;

  @BeforeEach
  void openQuota() {
    owner = engine.getRuntimeService().startProcessInstanceByKey("target-record",
        Map.of("targetKey", "canal-talents", "targetValue", 1, "reporter", "wanglixin", "asOfDate", "2026-06-30",
            "source", "区统计局季度报表", "quota_songzhuang", 2, "quotaUsed_songzhuang", 1));
  }

  @AfterEach
  void remove() {
    engine.getRuntimeService().deleteProcessInstance(owner.getId(), "test cleanup");
  }

  @Test
  void quotaTZP_Q1_twoSimultaneousTakesOfTheLastPlaceLetExactlyOneCommit() throws Exception {
    CyclicBarrier bothHaveRead = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      outcomes.add(pool.submit(() -> {
        try {
          ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
              .execute(context -> {
                quotas.take(owner.getId(), "songzhuang", full -> refusal("full"), () -> refusal("conflict"));
                await(bothHaveRead);
                return null;
              });
          return "committed";
        } catch (PolicyRuleException e) {
          return e.getMessage();
        }
      }));
    }
    List<String> results = new ArrayList<>();
    for (Future<String> outcome : outcomes) {
      results.add(outcome.get());
    }
    pool.shutdown();

    assertThat(results).containsExactlyInAnyOrder("committed", "[TZP-Q1] recommendation: conflict / conflict");
    assertThat(quotas.status(owner.getId(), "songzhuang").used()).isEqualTo(2);
  }

  @Test
  void quotaTZP_Q1_aFullQuotaIsRefusedBeforeAnythingIsWritten() {
    engine.getRuntimeService().setVariable(owner.getId(), "quotaUsed_songzhuang", 2);
    PolicyRuleException refused = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(context -> {
          try {
            quotas.take(owner.getId(), "songzhuang", full -> refusal("full " + full.used() + "/" + full.limit()),
                () -> refusal("conflict"));
            return null;
          } catch (PolicyRuleException e) {
            return e;
          }
        });
    assertThat(refused).hasMessageContaining("full 2/2");
  }

  private static PolicyRuleException refusal(String text) {
    return new PolicyRuleException("TZP-Q1", "recommendation", text, text);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
