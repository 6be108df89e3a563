package org.policyflow.platform.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of one deployed Camunda Form (form-js schema) that a server can check: each input field
 * with its type, its {@code validate} block, its options, read-only and hide condition; dynamic lists
 * with the fields of their rows. Groups are flattened (form-js 1.8 groups carry no path of their own).
 */
record FormSchema(String formId, List<Field> fields) {

  /** The types whose values form-js submits; text, html, table, spacer … only display. */
  private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime", "dynamiclist");

  /**
   * One input. {@code options} is null when the values come from a variable ({@code valuesKey}) or
   * the field has none; {@code hide} is null without a condition, {@code hideUnknown} is true for a
   * condition outside the FEEL subset of {@link HideCondition}.
   */
  record Field(String key, String label, String type, String subtype, boolean required, boolean readOnly,
      BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, Pattern pattern, String patternText,
      Set<String> options, String valuesKey, HideCondition hide, boolean hideUnknown, List<Field> rowFields,
      String policyRules) {

    boolean isText() {
      return type.equals("textfield") || type.equals("textarea");
    }

    boolean isList() {
      return type.equals("checklist") || type.equals("taglist");
    }

    boolean isChoice() {
      return type.equals("radio") || type.equals("select");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** form-js 1.8's own check for validationType "email". */
  private static final String EMAIL = "^\\w+([.-]?\\w+)*@\\w+([.-]?\\w+)*(\\.\\w{2,3})+$";
  /** An international number as form-js's validationType "phone" expects it (+ or 00, country code, digits). */
  private static final String PHONE = "^(\\+|00)[1-9][0-9]{6,20}$";

  static FormSchema parse(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<Field> fields = new ArrayList<>();
      collect(root.path("components"), fields);
      return new FormSchema(root.path("id").asText(null), List.copyOf(fields));
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a Camunda Form: " + e.getMessage(), e);
    }
  }

  private static void collect(JsonNode components, List<Field> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (type.equals("group")) {
        collect(component.path("components"), fields);
        continue;
      }
      if (!INPUTS.contains(type)) {
        continue;
      }
      String key = type.equals("dynamiclist") ? component.path("path").asText(null) : component.path("key").asText(null);
      if (key == null || key.isEmpty()) {
        continue;
      }
      fields.add(field(component, type, key));
    }
  }

  private static Field field(JsonNode component, String type, String key) {
    JsonNode validate = component.path("validate");
    String label = text(component, "label");
    if (label == null) {
      label = text(component, "dateLabel");
    }
    String patternText = text(validate, "pattern");
    String validationType = text(validate, "validationType");
    if (patternText == null && "email".equals(validationType)) {
      patternText = EMAIL;
    } else if (patternText == null && "phone".equals(validationType)) {
      patternText = PHONE;
    }
    Pattern pattern = null;
    if (patternText != null) {
      try {
        pattern = Pattern.compile(patternText);
      } catch (PatternSyntaxException e) {
        // A JavaScript-only pattern: the browser still checks it; the server cannot.
        patternText = null;
      }
    }
    Set<String> options = null;
    if (component.path("values").isArray()) {
      options = new LinkedHashSet<>();
      for (JsonNode option : component.path("values")) {
        options.add(option.path("value").asText());
      }
    }
    String hideText = text(component.path("conditional"), "hide");
    HideCondition hide = hideText == null ? null : HideCondition.parse(hideText);
    List<Field> rows = null;
    if (type.equals("dynamiclist")) {
      rows = new ArrayList<>();
      collect(component.path("components"), rows);
      rows = List.copyOf(rows);
    }
    boolean readOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
    return new Field(key, label == null ? key : label, type, text(component, "subtype"),
        validate.path("required").asBoolean(false), readOnly, decimal(validate, "min"), decimal(validate, "max"),
        integer(validate, "minLength"), integer(validate, "maxLength"), pattern, patternText, options,
        text(component, "valuesKey"), hide, hideText != null && hide == null, rows,
        policyRules(text(component, "description")));
  }

  // Rule IDs stay out of labels (deployment guard MC-5); the field's description names them
  // ("对应规则 TZP-D1"), and a refusal of the field quotes them so the user sees which rule asks for it.
  private static final Pattern RULE_ID = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2,4}-[A-Z]{0,2}[0-9]+(?![A-Za-z0-9])");

  private static String policyRules(String description) {
    if (description == null) {
      return null;
    }
    java.util.StringJoiner rules = new java.util.StringJoiner("、");
    java.util.regex.Matcher matcher = RULE_ID.matcher(description);
    while (matcher.find()) {
      rules.add(matcher.group());
    }
    return rules.length() == 0 ? null : rules.toString();
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  private static BigDecimal decimal(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isNumber() ? value.decimalValue() : null;
  }

  private static Integer integer(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isNumber() ? value.intValue() : null;
  }
}
