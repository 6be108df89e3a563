package org.policyflow.platform.guard;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an expression in a deployed model may touch besides process variables (application.yaml,
 * {@code policyflow.deployment-guard}). Publishing a bean to the models is an explicit, reviewed line here:
 * a bean that is not listed, or a method of it that is not listed, is refused at deployment.
 *
 * @param expressionBeans Spring beans a model may call, with the methods it may call on each
 *     ({@code workingDays: [end]})
 * @param contextMembers the engine's own objects ({@code execution}, {@code task}) with the members a model
 *     may use on them; everything else on them (the process engine, its services) stays out of reach
 * @param valueMethods methods a model may call on values: variables, literals, results (string and date
 *     helpers such as {@code concat}, {@code plusDays})
 * @param functions the engine's expression functions a model may call ({@code now()}, {@code dateTime()})
 */
@ConfigurationProperties("policyflow.deployment-guard")
public record ExpressionAllowList(Map<String, List<String>> expressionBeans, Map<String, List<String>> contextMembers,
    List<String> valueMethods, List<String> functions) {

  public ExpressionAllowList {
    expressionBeans = expressionBeans == null ? Map.of() : copy(expressionBeans);
    contextMembers = contextMembers == null ? Map.of() : copy(contextMembers);
    valueMethods = valueMethods == null ? List.of() : List.copyOf(valueMethods);
    functions = functions == null ? List.of() : List.copyOf(functions);
  }

  public boolean isExpressionBean(String name) {
    return expressionBeans.containsKey(name);
  }

  public boolean beanMember(String bean, String member) {
    return expressionBeans.getOrDefault(bean, List.of()).contains(member);
  }

  /** The engine resolves these names itself (VariableScopeElResolver), before variables and beans. */
  static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask");

  public boolean isContextObject(String name) {
    return ENGINE_OBJECTS.contains(name) || contextMembers.containsKey(name);
  }

  public boolean contextMember(String object, String member) {
    return contextMembers.getOrDefault(object, List.of()).contains(member);
  }

  public List<String> contextMembers(String object) {
    return contextMembers.getOrDefault(object, List.of());
  }

  public boolean valueMethod(String method) {
    return valueMethods.contains(method);
  }

  public boolean function(String name) {
    return functions.contains(name);
  }

  /** Every published bean and its methods, sorted: for the refusal message and the documentation. */
  public Map<String, Set<String>> published() {
    Map<String, Set<String>> published = new TreeMap<>();
    expressionBeans.forEach((bean, methods) -> published.put(bean, new TreeSet<>(methods)));
    return published;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new TreeMap<>();
    map.forEach((key, values) -> copy.put(key, values == null ? List.of() : List.copyOf(values)));
    return Map.copyOf(copy);
  }
}
