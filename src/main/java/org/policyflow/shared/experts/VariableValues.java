package org.policyflow.shared.experts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads list and map variables whichever way they arrived: Java collections (API, call activities),
 * Spin JSON (Camunda Forms checklist, taglist, dynamic list) or a JSON string (REST clients).
 */
public final class VariableValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VariableValues() {}

  public static List<String> strings(Object value) {
    List<String> result = new ArrayList<>();
    for (Object item : list(value)) {
      if (item != null && !item.toString().isBlank()) {
        result.add(item.toString().trim());
      }
    }
    return result;
  }

  /** A list of plain Java values (String, Number, Boolean, Map, List). */
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    Object plain = plain(value);
    if (plain instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (plain instanceof String text && !text.isBlank()) {
      return List.of(text);
    }
    return List.of();
  }

  /** A list of objects (dynamic list rows), each as a map of its fields. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> rows(Object value) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object item : list(value)) {
      if (item instanceof Map<?, ?> map) {
        rows.add(new LinkedHashMap<>((Map<String, Object>) map));
      }
    }
    return rows;
  }

  /** A map variable (JSON object) as a map; empty when absent. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    Object plain = value instanceof Map<?, ?> ? value : value == null ? null : plain(value);
    return plain instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
  }

  private static Object plain(Object value) {
    try {
      if (value instanceof SpinJsonNode node) {
        return JSON.readValue(node.toString(), new TypeReference<Object>() {});
      }
      if (value instanceof String text && (text.trim().startsWith("[") || text.trim().startsWith("{"))) {
        return JSON.readValue(text, new TypeReference<Object>() {});
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Not valid JSON: " + value, e);
    }
    return value;
  }

  public static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }

  public static boolean isTrue(Object value) {
    return value instanceof Boolean b ? b : "true".equalsIgnoreCase(text(value));
  }
}
