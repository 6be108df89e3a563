package org.policyflow.shared.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * What a variable is called on the project's Camunda Forms, and what its coded values mean there, so that
 * the audit history reads "在通州区的注册情况：在通州区注册" instead of {@code tongzhouPresence=registered}.
 * Read once from the forms the application ships ({@code forms/*.form} on the class path): the form a
 * value was submitted with is not recorded by the engine, and the labels of a field are the same on
 * every form that carries it. Where two forms label one key differently, the form with options wins,
 * as it is the one a person chose a coded value on.
 */
@Component
public class FormLabels {

  public record Field(String label, Map<String, String> options, boolean checkbox) {}

  private final Map<String, Field> fields;

  public FormLabels() {
    this(loadForms("classpath*:forms/*.form"));
  }

  public FormLabels(List<JsonNode> forms) {
    Map<String, Field> found = new HashMap<>();
    forms.forEach(form -> collect(form.path("components"), found));
    this.fields = Map.copyOf(found);
  }

  /** The form label of a variable, or null when no form shows it. */
  public String label(String variable) {
    Field field = fields.get(variable);
    return field == null ? null : field.label();
  }

  /**
   * The value as the form showed it: the option label of a coded value (each one of a list), 是/否 for a
   * checkbox; null when the value is shown as it is.
   */
  public String valueLabel(String variable, String value) {
    Field field = fields.get(variable);
    if (field == null || value == null) {
      return null;
    }
    if (field.checkbox()) {
      return "true".equals(value) ? "是" : "false".equals(value) ? "否" : null;
    }
    if (field.options().isEmpty()) {
      return null;
    }
    String single = field.options().get(value);
    if (single != null) {
      return single;
    }
    String trimmed = value.trim();
    if (trimmed.startsWith("[")) {
      try {
        List<String> labels = new ArrayList<>();
        for (JsonNode item : new ObjectMapper().readTree(trimmed)) {
          labels.add(field.options().getOrDefault(item.asText(), item.asText()));
        }
        return String.join("、", labels);
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private static void collect(JsonNode components, Map<String, Field> found) {
    for (JsonNode component : components) {
      String key = component.path("key").asText("");
      String label = component.path("label").asText(component.path("dateLabel").asText(""));
      if (!key.isEmpty() && !label.isBlank()) {
        Map<String, String> options = new LinkedHashMap<>();
        component.path("values").forEach(v -> options.put(v.path("value").asText(), v.path("label").asText()));
        Field field = new Field(label, Map.copyOf(options), "checkbox".equals(component.path("type").asText()));
        Field known = found.get(key);
        if (known == null || known.options().isEmpty() && !options.isEmpty()) {
          found.put(key, field);
        }
      }
      collect(component.path("components"), found);
    }
  }

  private static List<JsonNode> loadForms(String pattern) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> forms = new ArrayList<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          forms.add(json.readTree(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }
}
