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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * tech-centre.yaml as shipped (ten high-end and six future industries, four lead types, the seed's four
 * revocation grounds plus four office-recorded ones) and the forms that offer and check it.
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
  void ticTIC_X1_eightGroundsOfWhichTheTwoAutomaticOnesAreRaisedByTheProcess() {
    assertThat(properties.revocationGrounds()).hasSize(8);
    assertThat(properties.revocationGrounds()).filteredOn(TechCentreProperties.RevocationGround::automatic)
        .extracting(TechCentreProperties.RevocationGround::code)
        .containsExactly(TechCentreProperties.ASSESSMENT_FAILED, TechCentreProperties.NO_ANNUAL_REPORT);
    assertThat(properties.revocationGrounds()).extracting(TechCentreProperties.RevocationGround::label)
        .allSatisfy(label -> assertThat(label).isNotBlank());
  }

  @Test
  void ticTIC_X1_aConfigurationWithoutTheAutomaticGroundsIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new TechCentreProperties(properties.leadTypes(), properties.highEndFields(),
        properties.futureFields(), 1, 1, 3, 2, 10, "%d-%d",
        List.of(new TechCentreProperties.RevocationGround("terminated-by-law", "依法终止", false))))
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
