package org.policyflow.platform.forms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.policyflow.shared.rules.RuleViolation;

/**
 * Checks one submission against the rules of its form, as form-js checks them in the browser, so a
 * client that bypasses the browser gets the same answer. Values are plain Java: String, Number,
 * Boolean, Date, List and Map (JSON already parsed). A field the form shows read-only is not checked
 * (the caller drops it from the submission); a field hidden by its condition is not checked at all,
 * one whose condition cannot be evaluated is never required.
 *
 * <p>Rule IDs (docs/form-check.md): FORM-REQUIRED, FORM-TYPE, FORM-MIN, FORM-MAX, FORM-MINLENGTH,
 * FORM-MAXLENGTH, FORM-TEXT-LIMIT, FORM-PATTERN, FORM-OPTION.
 */
final class FormSubmissionCheck {

  static final String REQUIRED = "FORM-REQUIRED";
  static final String TYPE = "FORM-TYPE";
  static final String MIN = "FORM-MIN";
  static final String MAX = "FORM-MAX";
  static final String MIN_LENGTH = "FORM-MINLENGTH";
  static final String MAX_LENGTH = "FORM-MAXLENGTH";
  static final String TEXT_LIMIT = "FORM-TEXT-LIMIT";
  static final String PATTERN = "FORM-PATTERN";
  static final String OPTION = "FORM-OPTION";

  private final int textLimit;

  /** @param textLimit the longest text accepted in a field whose form sets no maxLength */
  FormSubmissionCheck(int textLimit) {
    this.textLimit = textLimit;
  }

  /**
   * @param submitted the submitted values by name (a name present with null is an emptied field)
   * @param existing the instance's current value of a name the submission leaves out (null for a start)
   * @param options the options of a field whose values come from a variable, null when unknown
   */
  List<RuleViolation> check(FormSchema form, Map<String, Object> submitted, Function<String, Object> existing,
      Function<String, Collection<String>> options) {
    List<RuleViolation> violations = new ArrayList<>();
    Function<String, Object> values = name -> submitted.containsKey(name) ? submitted.get(name) : existing.apply(name);
    for (FormSchema.Field field : form.fields()) {
      if (field.readOnly()) {
        continue;
      }
      checkField(field, field.key(), values.apply(field.key()), values, options, violations);
    }
    return violations;
  }

  private void checkField(FormSchema.Field field, String name, Object value, Function<String, Object> values,
      Function<String, Collection<String>> options, List<RuleViolation> violations) {
    if (field.hide() != null && field.hide().hides(values)) {
      return;
    }
    if (isEmpty(field, value)) {
      if (field.required() && !field.hideUnknown()) {
        violations.add(refusal(REQUIRED, name, field, "请填写“" + field.label() + "”",
            field.type().equals("checkbox") ? "must be ticked" : "is required"));
      }
      return;
    }
    switch (field.type()) {
      case "textfield", "textarea" -> checkText(field, name, value, violations);
      case "number" -> checkNumber(field, name, value, violations);
      case "checkbox" -> {
        if (!(value instanceof Boolean)) {
          violations.add(refusal(TYPE, name, field, "“" + field.label() + "”只能勾选或不勾选", "must be true or false"));
        }
      }
      case "radio", "select" -> {
        if (value instanceof Map || value instanceof Collection) {
          violations.add(refusal(TYPE, name, field, "“" + field.label() + "”只能选择一项", "must be one of its options"));
        } else {
          checkOption(field, name, String.valueOf(value), options, violations);
        }
      }
      case "checklist", "taglist" -> {
        if (!(value instanceof Collection<?> items)) {
          violations.add(refusal(TYPE, name, field, "“" + field.label() + "”须为所列选项的列表", "must be a list of its options"));
        } else {
          for (Object item : items) {
            if (item == null || item instanceof Map || item instanceof Collection) {
              violations.add(refusal(TYPE, name, field, "“" + field.label() + "”须为所列选项的列表", "must be a list of its options"));
              break;
            }
            if (checkOption(field, name, String.valueOf(item), options, violations)) {
              break;
            }
          }
        }
      }
      case "datetime" -> checkDate(field, name, value, violations);
      case "dynamiclist" -> checkRows(field, name, value, values, options, violations);
      default -> { }
    }
  }

  private void checkRows(FormSchema.Field list, String name, Object value, Function<String, Object> values,
      Function<String, Collection<String>> options, List<RuleViolation> violations) {
    if (!(value instanceof List<?> rows) || rows.stream().anyMatch(row -> !(row instanceof Map))) {
      violations.add(refusal(TYPE, name, list, "“" + list.label() + "”的填写格式不正确，每一行须包含本表的各栏",
          "must be a list of rows, each with the list's fields"));
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      Map<?, ?> row = (Map<?, ?>) rows.get(i);
      // A row's condition sees the row's own fields first, then the form's (form-js scopes it so).
      Function<String, Object> rowValues = key -> row.containsKey(key) ? row.get(key) : values.apply(key);
      for (FormSchema.Field field : list.rowFields()) {
        if (!field.readOnly()) {
          checkField(field, name + "[" + i + "]." + field.key(), row.get(field.key()), rowValues, options, violations);
        }
      }
    }
  }

  private void checkText(FormSchema.Field field, String name, Object value, List<RuleViolation> violations) {
    if (value instanceof Map || value instanceof Collection || value instanceof Boolean) {
      violations.add(refusal(TYPE, name, field, "“" + field.label() + "”须填写文字", "must be text"));
      return;
    }
    String text = String.valueOf(value);
    int length = text.codePointCount(0, text.length());
    if (field.minLength() != null && length < field.minLength()) {
      violations.add(refusal(MIN_LENGTH, name, field,
          "“" + field.label() + "”至少填写" + field.minLength() + "个字（现" + length + "个字）",
          "needs at least " + field.minLength() + " characters (has " + length + ")"));
    }
    if (field.maxLength() != null && length > field.maxLength()) {
      violations.add(refusal(MAX_LENGTH, name, field,
          "“" + field.label() + "”最多" + field.maxLength() + "个字（现" + length + "个字）",
          "allows at most " + field.maxLength() + " characters (has " + length + ")"));
    } else if (field.maxLength() == null && length > textLimit) {
      violations.add(refusal(TEXT_LIMIT, name, field,
          "“" + field.label() + "”超过系统允许的最大长度" + textLimit + "个字（现" + length + "个字）",
          "exceeds the system's limit of " + textLimit + " characters (has " + length + ")"));
    }
    if (field.pattern() != null && !field.pattern().matcher(text).find()) {
      violations.add(refusal(PATTERN, name, field, "“" + field.label() + "”的格式不正确",
          "does not have the required format " + field.patternText()));
    }
  }

  private void checkNumber(FormSchema.Field field, String name, Object value, List<RuleViolation> violations) {
    if (!(value instanceof Number number)) {
      violations.add(refusal(TYPE, name, field, "“" + field.label() + "”须填写数字", "must be a number"));
      return;
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      violations.add(refusal(TYPE, name, field, "“" + field.label() + "”须填写数字", "must be a number"));
      return;
    }
    if (field.min() != null && decimal.compareTo(field.min()) < 0) {
      violations.add(refusal(MIN, name, field, "“" + field.label() + "”不得小于" + field.min().toPlainString(),
          "must be at least " + field.min().toPlainString()));
    }
    if (field.max() != null && decimal.compareTo(field.max()) > 0) {
      violations.add(refusal(MAX, name, field, "“" + field.label() + "”不得大于" + field.max().toPlainString(),
          "must be at most " + field.max().toPlainString()));
    }
  }

  private void checkDate(FormSchema.Field field, String name, Object value, List<RuleViolation> violations) {
    if (value instanceof Date || value instanceof TemporalAccessor) {
      return;
    }
    String subtype = field.subtype() == null ? "date" : field.subtype();
    String text = String.valueOf(value).trim();
    try {
      switch (subtype) {
        case "time" -> LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
        case "datetime" -> {
          try {
            OffsetDateTime.parse(text);
          } catch (DateTimeParseException offsetless) {
            LocalDateTime.parse(text);
          }
        }
        default -> LocalDate.parse(text);
      }
    } catch (DateTimeParseException e) {
      String zh = switch (subtype) {
        case "time" -> "时间，格式为 时:分（例如 09:30）";
        case "datetime" -> "日期和时间，格式为 年-月-日T时:分（例如 2025-03-01T09:30）";
        default -> "日期，格式为 年-月-日（例如 2025-03-01）";
      };
      String en = switch (subtype) {
        case "time" -> "a time as HH:mm";
        case "datetime" -> "a date and time as yyyy-MM-ddTHH:mm";
        default -> "a date as yyyy-MM-dd";
      };
      violations.add(refusal(TYPE, name, field, "“" + field.label() + "”须为" + zh + "，不能是“" + text + "”",
          "must be " + en + ", not '" + text + "'"));
    }
  }

  /** True when the value is refused (so a list reports one wrong item, not each). */
  private boolean checkOption(FormSchema.Field field, String name, String value,
      Function<String, Collection<String>> options, List<RuleViolation> violations) {
    Collection<String> allowed = field.options() != null ? field.options()
        : field.valuesKey() == null ? null : options.apply(field.valuesKey());
    if (allowed == null || allowed.contains(value)) {
      return false;
    }
    violations.add(refusal(OPTION, name, field, "“" + field.label() + "”只能从所列选项中选择，不能是“" + value + "”",
        "must be one of its options, not '" + value + "'"));
    return true;
  }

  private static boolean isEmpty(FormSchema.Field field, Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof String text) {
      return text.isBlank();
    }
    if (value instanceof Collection<?> items) {
      return items.isEmpty() && !field.type().equals("dynamiclist");
    }
    return field.type().equals("checkbox") && field.required() && Boolean.FALSE.equals(value);
  }

  private static RuleViolation refusal(String rule, String name, FormSchema.Field field, String zh, String en) {
    String policy = field.policyRules();
    return new RuleViolation(rule, name, zh + (policy == null ? "" : "（" + policy + "）") + "。",
        "Field '" + name + "' " + en + (policy == null ? "" : " (" + policy + ")") + ".");
  }

  /** Options of a field read from a variable: a list of {label, value} or of plain values. */
  static Set<String> optionValues(Object variable) {
    if (!(variable instanceof Collection<?> items)) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> option) {
        Object value = option.get("value");
        if (value == null) {
          return null;
        }
        values.add(String.valueOf(value));
      } else if (item != null) {
        values.add(String.valueOf(item));
      }
    }
    return values;
  }
}
