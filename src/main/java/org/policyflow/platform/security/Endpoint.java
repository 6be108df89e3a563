package org.policyflow.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation the application exposes: an HTTP method on a path template of the engine REST API
 * ({@code /engine-rest/task/{id}/claim}) or the project API ({@code /api/notices/{noticeInstanceId}/objections}).
 * The engine REST API mounted in the webapps ({@code /camunda/api/engine/engine/{name}/…}) and under
 * {@code /engine-rest/engine/{name}/…} is the same operation as {@code /engine-rest/…}. The webapps' own
 * APIs are named under the default application path: {@code /camunda/api/cockpit/plugin/base/{engine}/…}.
 */
public record Endpoint(String method, String template) implements Comparable<Endpoint> {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::\\s*([^}]+))?}");

  public String key() {
    return method + " " + template;
  }

  /** The template as a regular expression over a decoded, normalised path, as JAX-RS and Spring match it. */
  Pattern regex() {
    StringBuilder regex = new StringBuilder();
    Matcher variable = VARIABLE.matcher(template);
    int last = 0;
    while (variable.find()) {
      regex.append(Pattern.quote(template.substring(last, variable.start())));
      regex.append('(').append(variable.group(2) != null ? variable.group(2).trim() : "[^/]+").append(')');
      last = variable.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("/?");
    return Pattern.compile(regex.toString());
  }

  /** Literal characters first, as JAX-RS prefers {@code /task/count} over {@code /task/{id}}. */
  int literalLength() {
    return VARIABLE.matcher(template).replaceAll("").length();
  }

  /** A concrete path for this template, every variable replaced by {@code value}. */
  public String sample(String value) {
    return VARIABLE.matcher(template).replaceAll(Matcher.quoteReplacement(value));
  }

  /** The values a path gives this template's variables (empty when it does not match). */
  java.util.Map<String, String> values(String path) {
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    Matcher matcher = regex().matcher(path);
    if (matcher.matches()) {
      List<String> names = variables();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), matcher.group(i + 1));
      }
    }
    return values;
  }

  List<String> variables() {
    List<String> names = new ArrayList<>();
    Matcher variable = VARIABLE.matcher(template);
    while (variable.find()) {
      names.add(variable.group(1));
    }
    return names;
  }

  @Override
  public int compareTo(Endpoint other) {
    int byTemplate = template.compareTo(other.template);
    return byTemplate != 0 ? byTemplate : method.compareTo(other.method);
  }

  @Override
  public String toString() {
    return key();
  }
}
