package org.policyflow.shared.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The credit registry: records are completed credit-record instances that every eligibility check reads. */
@PolicyflowIntegrationTest
class CreditRegistryTest {

  @Autowired CreditRegistry registry;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate http;

  @Test
  void aRecordIsFoundByCreditCodeTypeAndPeriod() {
    String code = "91110112MA01QWER3C";
    registry.record(new CreditRecord(code, "北京示例失信科技有限公司", CreditRecordType.SERIOUS_DISHONESTY,
        LocalDate.of(2024, 5, 6), "京市监失信〔2024〕12号", "列入严重违法失信名单", null, "wanglixin", null));

    assertThat(registry.find(code, EnumSet.of(CreditRecordType.SERIOUS_DISHONESTY),
        LocalDate.of(2023, 11, 25), LocalDate.of(2026, 11, 25)))
        .singleElement().satisfies(r -> {
          assertThat(r.source()).isEqualTo("京市监失信〔2024〕12号");
          assertThat(r.recordedBy()).isEqualTo("wanglixin");
        });
    assertThat(registry.find(code, EnumSet.of(CreditRecordType.MAJOR_ACCIDENT),
        LocalDate.of(2023, 11, 25), LocalDate.of(2026, 11, 25))).isEmpty();
    assertThat(registry.find(code, EnumSet.of(CreditRecordType.SERIOUS_DISHONESTY),
        LocalDate.of(2024, 5, 7), LocalDate.of(2027, 5, 7))).as("outside the period").isEmpty();
  }

  @Test
  void recordsAreVisibleToChecksRunOnBehalfOfAnApplicant() {
    String code = "91500118MA5U7B2K8J";
    registry.record(new CreditRecord(code, "重庆示例事故有限公司", CreditRecordType.MAJOR_ACCIDENT,
        LocalDate.of(2025, 3, 1), "渝应急罚〔2025〕3号", null, null, "hewei", null));
    identityService.setAuthentication("huanglei", List.of("applicants"));
    try {
      assertThat(registry.all(code)).hasSize(1);
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void staffRecordThroughTheStartFormAndBadInputIsRefusedNamingTheField() {
    ResponseEntity<Map> refused = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/credit-record/submit-form",
        Map.of("variables", Map.of(
            "organisationName", Map.of("value", "北京示例科技有限公司"),
            "creditCode", Map.of("value", "91110112MA01ABCD2B"),
            "recordType", Map.of("value", "serious-dishonesty"),
            "recordDate", Map.of("value", "2025-06-01"),
            "source", Map.of("value", "京信用〔2025〕8号"))), Map.class);
    assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("creditCode").contains("校验位");

    ResponseEntity<Map> accepted = http.withBasicAuth("wanglixin", "demo").postForEntity(
        "/engine-rest/process-definition/key/credit-record/submit-form",
        Map.of("variables", Map.of(
            "organisationName", Map.of("value", "北京示例科技有限公司"),
            "creditCode", Map.of("value", "91110112ma01abcd2a"),
            "recordType", Map.of("value", "serious-dishonesty"),
            "recordDate", Map.of("value", "2025-06-01"),
            "source", Map.of("value", "京信用〔2025〕8号"))), Map.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(registry.all("91110112MA01ABCD2A")).singleElement()
        .satisfies(r -> assertThat(r.recordedBy()).isEqualTo("wanglixin"));
  }

  @Test
  void creditCREDIT_REGISTRY_aRecordWithoutItsGroundsIsRefused() {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(CreditRegistry.PROCESS_KEY,
        Map.of("creditCode", "91330100716105852F", "recordType", "bad-credit", "recordDate", "2099-01-01")))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessageContaining("[CREDIT-REGISTRY] organisationName").hasMessageContaining("source").hasMessageContaining("recordDate");
  }
}
