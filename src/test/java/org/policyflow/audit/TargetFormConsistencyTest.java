package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The staff form of target-record offers exactly the targets that targets.yaml says are recorded (not
 * counted by the engine), and names each with its label and target number, so that a value can only be
 * recorded for a target the dashboard shows.
 */
class TargetFormConsistencyTest {

  @Test
  void theTargetValueFormListsExactlyTheRecordedTargets() throws Exception {
    TargetProperties targets = load();
    JsonNode form = new ObjectMapper().readTree(new File("forms/target-value-report.form"));
    List<String> values = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (JsonNode component : form.get("components")) {
      if ("targetKey".equals(component.path("key").asText())) {
        component.get("values").forEach(v -> {
          values.add(v.get("value").asText());
          labels.add(v.get("label").asText());
        });
      }
    }
    List<TargetProperties.Target> recorded = targets.recordedTargets();
    assertThat(values).containsExactlyElementsOf(recorded.stream().map(TargetProperties.Target::key).toList());
    for (int i = 0; i < recorded.size(); i++) {
      TargetProperties.Target target = recorded.get(i);
      assertThat(labels.get(i)).as(target.key()).startsWith(target.label())
          .contains(target.target().stripTrailingZeros().toPlainString());
      // The officer reads the same verb as the seed: a "突破/超过" target is not reached by the number itself.
      switch (target.comparison()) {
        case MORE_THAN -> assertThat(labels.get(i)).as(target.key()).containsAnyOf("突破", "超过");
        case ABOUT -> assertThat(labels.get(i)).as(target.key()).contains("左右");
        default -> assertThat(labels.get(i).substring(target.label().length())).as(target.key())
            .doesNotContain("突破").doesNotContain("超过").doesNotContain("左右");
      }
    }
    assertThat(targets.items()).filteredOn(t -> !t.recorded()).extracting(t -> t.countedBy().processKey())
        .contains("partner-cooperation", "bj-consortium", "yc-consortium", "tech-centre");
  }

  static TargetProperties load() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load("targets", new ClassPathResource("targets.yaml"))
        .forEach(environment.getPropertySources()::addLast);
    return new Binder(ConfigurationPropertySources.get(environment))
        .bind("policyflow.targets", TargetProperties.class).get();
  }
}
