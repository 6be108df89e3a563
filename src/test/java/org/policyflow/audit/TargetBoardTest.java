package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.partner.PartnerFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The targets dashboard: engine counts per targets.yaml, and the latest confirmed staff-recorded value with its source. */
@PolicyflowIntegrationTest
@SuppressWarnings({"unchecked", "rawtypes"})
class TargetBoardTest {

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  @Autowired TargetProperties targets;
  final List<String> started = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    if (started.isEmpty()) {
      return;
    }
    engine.getRuntimeService().deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
    engine.getHistoryService().deleteHistoricProcessInstancesIfExists(started);
  }

  @Test
  void everyConfiguredTargetIsShownInOrderWithItsComparison() {
    List<Map<String, Object>> rows = board();
    assertThat(rows).extracting(r -> r.get("key"))
        .containsExactlyElementsOf(targets.items().stream().map(TargetProperties.Target::key).toList());
    assertThat(row(rows, "innovation-partners")).containsEntry("label", "创新伙伴").containsEntry("target", 32)
        .containsEntry("comparisonSymbol", "≥").containsEntry("countedBy", "engine");
    assertThat(row(rows, "bj-consortia")).containsEntry("comparisonSymbol", "≈").containsEntry("target", 20);
    assertThat(row(rows, "tech-centres")).containsEntry("status", "count-only").containsEntry("statusLabel", "仅统计");
    assertThat(row(rows, "canal-talents")).containsEntry("countedBy", "staff").containsEntry("unit", "名");
  }

  @Test
  void processTargetsAreCountedFromTheEngineAndAnUndeployedProcessCountsZero() {
    long cooperations = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("partner-cooperation").unfinished().count();
    assertThat(((Number) row(board(), "innovation-partners").get("value")).longValue()).isEqualTo(cooperations);
    boolean ycDeployed = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("yc-consortium").count() > 0;
    if (!ycDeployed) {
      assertThat(row(board(), "yc-consortia")).containsEntry("value", 0).containsEntry("statusLabel", "未达到");
    }
  }

  @Test
  void aRecordedTargetShowsTheLatestConfirmedValueWithItsSource() {
    String key = "science-courtyards";
    record(key, 12, "2026-03-31", "区科委一季度统计", "confirmed");
    record(key, 21, "2026-06-30", "区科委二季度统计（通科发〔2026〕8号）", "confirmed");
    record(key, 99, "2026-09-30", "未经核实的数字", "rejected");
    record(key, 5, "2026-01-31", "一月统计", "confirmed");

    Map<String, Object> row = row(board(), key);
    assertThat(row).containsEntry("value", 21.0).containsEntry("status", "met").containsEntry("statusLabel", "已达到")
        .containsEntry("target", 20).containsEntry("percent", 105.0);
    assertThat((Map<String, Object>) row.get("recorded")).containsEntry("asOfDate", "2026-06-30")
        .containsEntry("source", "区科委二季度统计（通科发〔2026〕8号）").containsEntry("reporterId", "wanglixin")
        .containsEntry("reporterName", "王立新");
    assertThat(row(board(), "brand-events")).satisfies(r -> {
      if (r.get("recorded") == null) {
        assertThat(r).containsEntry("status", "no-data").containsEntry("statusLabel", "尚未填报");
      }
    });
  }

  /** As staff do it: one officer reports, another confirms or rejects (four-eyes). */
  private void record(String key, double value, String asOf, String source, String verification) {
    PartnerFixtures fixtures = new PartnerFixtures(engine);
    ProcessInstance instance = fixtures.as("wanglixin", List.of("tz-sti"), () -> engine.getFormService()
        .submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("target-record")
            .latestVersion().singleResult().getId(),
            Map.of("targetKey", key, "targetValue", value, "asOfDate", asOf, "source", source)));
    started.add(instance.getId());
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    fixtures.completeAs("chenxiaoyan", List.of("tz-sti"), task, Map.of("verification", verification));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getState()).isEqualTo("COMPLETED");
  }

  private List<Map<String, Object>> board() {
    ResponseEntity<Map> response = http.withBasicAuth("qianfang", "demo").getForEntity("/api/audit/targets", Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("plan").toString()).contains("资源倍增");
    return (List<Map<String, Object>>) response.getBody().get("targets");
  }

  private static Map<String, Object> row(List<Map<String, Object>> rows, String key) {
    return rows.stream().filter(r -> key.equals(r.get("key"))).findFirst().orElseThrow();
  }
}
