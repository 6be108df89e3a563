package org.policyflow.shared.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads variables as Camunda Forms deliver them: numbers as Integer, Long or Double, dates as
 * "yyyy-MM-dd" strings, lists as Spin JSON (or, when set from Java, as lists).
 */
public final class FormValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormValues() {}

  public static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString().trim();
  }

  public static boolean isBlank(VariableScope scope, String name) {
    String value = text(scope, name);
    return value == null || value.isEmpty();
  }

  public static Double number(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public static boolean flag(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
  }

  /** A date field, or null when empty or not a date. */
  public static LocalDate date(VariableScope scope, String name) {
    String value = text(scope, name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A list of objects (dynamic list, checklist of objects, or a List set from Java). */
  public static List<Map<String, Object>> objects(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return new ArrayList<>();
    }
    Object plain = value instanceof SpinJsonNode json ? parse(json.toString()) : value;
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object item : (Collection<?>) plain) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) item;
      result.add(map);
    }
    return result;
  }

  /** A list of plain values (checklist, taglist), as strings. */
  public static List<String> strings(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return new ArrayList<>();
    }
    Object plain = value instanceof SpinJsonNode json ? parse(json.toString()) : value;
    List<String> result = new ArrayList<>();
    for (Object item : (Collection<?>) plain) {
      result.add(String.valueOf(item));
    }
    return result;
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<Object>>() {});
    } catch (Exception e) {
      throw new IllegalArgumentException("Not a JSON list: " + json, e);
    }
  }
}
