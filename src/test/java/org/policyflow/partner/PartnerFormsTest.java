package org.policyflow.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.identity.IdentityProperties;
import org.springframework.beans.factory.annotation.Autowired;

/** The partner forms offer exactly the configured localities and priority fields (TZP-E7). */
@PolicyflowIntegrationTest
class PartnerFormsTest {

  @Autowired IdentityProperties identity;
  @Autowired PartnerProperties partner;

  @Test
  void theApplicationAndCallFormsListEveryConfiguredLocality() throws IOException {
    List<String> configured = identity.localities().stream().map(IdentityProperties.Locality::id).toList();
    assertThat(selectValues("partner-application-submit", "localityGroup")).containsExactlyElementsOf(configured);
    assertThat(selectValues("partner-call-publish", "localityGroup")).containsExactlyElementsOf(configured);
  }

  @Test
  void partnerTZP_E7_theApplicationFormOffersThePriorityFieldsAndOther() throws IOException {
    List<String> offered = selectValues("partner-application-submit", "industryField");
    assertThat(offered).containsAll(partner.priorityFields()).contains("其他").hasSize(partner.priorityFields().size() + 1);
  }

  private static List<String> selectValues(String form, String key) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile());
    List<String> values = new ArrayList<>();
    collect(root.path("components"), key, values);
    return values;
  }

  private static void collect(JsonNode components, String key, List<String> values) {
    for (JsonNode component : components) {
      if (key.equals(component.path("key").asText())) {
        component.path("values").forEach(v -> values.add(v.path("value").asText()));
      }
      collect(component.path("components"), key, values);
    }
  }
}
