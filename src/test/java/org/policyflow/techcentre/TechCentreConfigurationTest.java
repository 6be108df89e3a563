package org.policyflow.techcentre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.SeedTexts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * tech-centre.yaml as shipped (ten high-end and six future industries, four lead types, the seed's four
 * revocation grounds as policy and any further ones marked local) and the forms that offer and check it.
 */
@PolicyflowIntegrationTest
class TechCentreConfigurationTest {

  @Autowired TechCentreProperties properties;

  @Test
  void ticTIC_E1_F1_theShippedListsAreTheSeeds() {
    assertThat(properties.highEndFields()).hasSize(10).contains("集成电路", "信息内容消费");
    assertThat(properties.futureFields()).containsExactly("未来信息", "未来健康", "未来制造", "未来能源", "未来材料", "未来空间");
    assertThat(properties.leadTypes()).hasSize(4).contains("社会组织");
    assertThat(properties.assessmentIntervalYears()).isEqualTo(3);
  }

  @Test
  void ticTIC_X1_theSeedsFourGroundsArePolicyAndEveryOtherIsMarkedLocal() {
    String seed = SeedTexts.read("003").replaceAll("\\s+", "");
    List<TechCentreProperties.RevocationGround> grounds = properties.revocationGrounds();
    // The four 003 names, in its words, not local; the process raises two of them itself.
    assertThat(grounds).filteredOn(g -> !g.local()).extracting(TechCentreProperties.RevocationGround::code)
        .containsExactlyInAnyOrderElementsOf(TechCentreProperties.SEED_GROUNDS);
    assertThat(grounds).filteredOn(g -> !g.local())
        .allSatisfy(g -> assertThat(seed).as(g.code()).contains("摘牌情形，包括").contains(g.label()));
    assertThat(grounds).filteredOn(TechCentreProperties.RevocationGround::automatic)
        .extracting(TechCentreProperties.RevocationGround::code)
        .containsExactly(TechCentreProperties.ASSESSMENT_FAILED, TechCentreProperties.NO_ANNUAL_REPORT);
    // Any other ground is this office's own: never the seed's words, always shown with the local mark.
    assertThat(grounds).filteredOn(TechCentreProperties.RevocationGround::local).allSatisfy(g -> {
      assertThat(seed).as(g.code()).doesNotContain(g.label());
      assertThat(g.displayLabel()).isEqualTo(g.label() + TechCentreProperties.LOCAL_MARK).contains("本地补充");
    });
    assertThat(grounds).filteredOn(g -> !g.local()).allSatisfy(g -> assertThat(g.displayLabel()).isEqualTo(g.label()));
  }

  @Test
  void ticTIC_X1_aSeedGroundConfiguredAsLocalIsRefusedAtStartUp() {
    List<TechCentreProperties.RevocationGround> grounds = properties.revocationGrounds().stream()
        .map(g -> g.code().equals("terminated-by-law") ? new TechCentreProperties.RevocationGround(g.code(), g.label(),
            g.automatic(), true) : g).toList();
    assertThatThrownBy(() -> new TechCentreProperties(properties.leadTypes(), properties.highEndFields(),
        properties.futureFields(), 1, 1, 3, 2, "12-31", 10, "%d-%d", grounds))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[TIC-X1]").hasMessageContaining("terminated-by-law");
  }

  @Test
  void ticTIC_R1_theReportDueDayIsConfigurationAndAnImpossibleDayIsRefusedAtStartUp() {
    assertThat(properties.reportDueDay()).isEqualTo(java.time.MonthDay.of(12, 31));
    assertThatThrownBy(() -> new TechCentreProperties(properties.leadTypes(), properties.highEndFields(),
        properties.futureFields(), 1, 1, 3, 2, "02-30", 10, "%d-%d", properties.revocationGrounds()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[TIC-R1]").hasMessageContaining("annual-report-due");
  }

  @Test
  void ticTIC_E4_theThresholdIsConfigurationShownAsLocal() throws IOException {
    assertThat(properties.rdInvestmentThreshold()).isPositive();
    assertThat(component("tech-centre-application", "rdInvestmentThreshold").path("label").asText()).contains("本地设定");
  }

  @Test
  void ticTIC_X1_aConfigurationWithoutTheAutomaticGroundsIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new TechCentreProperties(properties.leadTypes(), properties.highEndFields(),
        properties.futureFields(), 1, 1, 3, 2, "12-31", 10, "%d-%d",
        List.of(new TechCentreProperties.RevocationGround("terminated-by-law", "依法终止", false, false))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[TIC-X1]");
  }

  @Test
  void theFormsOfferTheConfiguredOptionsAndCarryTheFieldsTheirChecksRead() throws IOException {
    assertThat(component("tech-centre-plan", "field").path("valuesKey").asText()).isEqualTo("fieldOptions");
    assertThat(component("tech-centre-plan", "leadType").path("valuesKey").asText()).isEqualTo("leadTypeOptions");
    assertThat(component("tech-centre-follow-up", "revocationGround").path("valuesKey").asText())
        .isEqualTo("revocationGroundOptions");
    assertThat(keys("tech-centre-application")).contains("registeredInBeijing", "rdInvestment", "requestDistrictRecommendation");
    assertThat(keys("tech-centre-annual-report"))
        .contains("reportSummary", "reportRdInvestment", "majorAdjustmentRequested", "majorAdjustmentDescription");
    assertThat(keys("tech-centre-adjustment-approval")).contains("adjustmentDecision", "approvalDocumentNumber", "adjustmentOpinion");
    assertThat(keys("tech-centre-assessment"))
        .contains("goalsCompletion", "technicalResults", "assessedRdInvestment", "assessmentRating", "adjustmentMeasure");
    assertThat(keys("tech-centre-follow-up")).contains("followUpNotes", "revocationSituation", "revocationEvidence");
    assertThat(component("tech-centre-list", "listDecision").path("values")).extracting(v -> v.path("value").asText())
        .containsExactly("listed", "not-listed");
  }

  private static JsonNode component(String form, String key) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    collect(read(form).path("components"), key, found);
    assertThat(found).as(form + " has " + key).hasSize(1);
    return found.get(0);
  }

  private static List<String> keys(String form) throws IOException {
    List<String> keys = new ArrayList<>();
    read(form).path("components").forEach(c -> keys.add(c.path("key").asText()));
    return keys;
  }

  private static JsonNode read(String form) throws IOException {
    return new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile());
  }

  private static void collect(JsonNode components, String key, List<JsonNode> found) {
    for (JsonNode component : components) {
      if (key.equals(component.path("key").asText())) {
        found.add(component);
      }
      collect(component.path("components"), key, found);
    }
  }
}
