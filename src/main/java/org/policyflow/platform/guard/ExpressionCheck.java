package org.policyflow.platform.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Checks one JUEL text of a model ({@code ${…}}, {@code #{…}}, or text mixing them such as {@code P${days}WD})
 * on the syntax tree the engine itself builds, so that no spelling (spaces, brackets, nesting, escapes) gets
 * past a check that the engine would read differently.
 *
 * <p>An identifier is a process variable unless it names an engine object ({@code execution}, {@code task}) or
 * a Spring bean. Engine objects and published beans may only be used through their listed members; any other
 * bean is out of reach; on values only the listed methods may be called and no reflective member may be read.
 */
public final class ExpressionCheck {

  /** Members that lead from any object to its class, class loader or module: the way out of the sandbox. */
  static final Set<String> REFLECTIVE = Set.of("class", "getClass", "forName", "classLoader", "getClassLoader",
      "contextClassLoader", "getContextClassLoader", "loadClass", "declaringClass", "getDeclaringClass", "module",
      "getModule", "protectionDomain", "getProtectionDomain", "newInstance", "invoke", "getMethod", "getMethods",
      "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields",
      "getConstructor", "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "getRuntime",
      "exec", "runtime", "setAccessible");

  /** Features the engine's expression factory enables (JEE6 profile). */
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  public record Problem(GuardRule rule, String reasonZh, String reasonEn) {}

  private final ExpressionAllowList allowList;
  private final BeanCatalogue beans;

  public ExpressionCheck(ExpressionAllowList allowList, BeanCatalogue beans) {
    this.allowList = allowList;
    this.beans = beans;
  }

  /** True when the text holds an expression the engine would evaluate. */
  public static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** Everything in {@code text} the guard refuses; empty when it only reads variables and published members. */
  public List<Problem> check(String text) {
    List<Problem> problems = new ArrayList<>();
    Node root;
    try {
      root = PARSER.build(text).getRoot();
    } catch (TreeBuilderException | IllegalArgumentException e) {
      problems.add(new Problem(GuardRule.DG_4, "表达式无法解析（" + text + "）：" + e.getMessage(),
          "the expression cannot be parsed (" + text + "): " + e.getMessage()));
      return problems;
    }
    visit(root, problems);
    return problems;
  }

  private void visit(Node node, List<Problem> problems) {
    if (node instanceof AstMethod method) {
      AstProperty target = (AstProperty) method.getChild(0);
      member(target, true, problems);
      visitPrefix(target, problems);
      visitChildren(method.getChild(1), problems);
    } else if (node instanceof AstProperty property) {
      member(property, false, problems);
      visitPrefix(property, problems);
    } else if (node instanceof AstIdentifier identifier) {
      bareIdentifier(identifier.getName(), problems);
    } else if (node instanceof AstFunction function) {
      String name = function.getName();
      if (!allowList.function(name)) {
        problems.add(new Problem(GuardRule.DG_4, "不允许调用函数 " + name + "()，可用的函数：" + allowList.functions(),
            "function " + name + "() is not allowed; allowed: " + allowList.functions()));
      }
      visitChildren(function, problems);
    } else {
      visitChildren(node, problems);
    }
  }

  private void visitChildren(Node node, List<Problem> problems) {
    for (int i = 0; i < node.getCardinality(); i++) {
      visit(node.getChild(i), problems);
    }
  }

  /** The object a member is taken from; an engine object or bean there is judged with the member. */
  private void visitPrefix(AstProperty property, List<Problem> problems) {
    Node prefix = unwrap(property.getChild(0));
    if (!(prefix instanceof AstIdentifier)) {
      visit(prefix, problems);
    }
    if (property instanceof AstBracket) {
      visit(property.getChild(1), problems);
    }
  }

  private void member(AstProperty property, boolean call, List<Problem> problems) {
    String name = memberName(property);
    String shown = call ? name + "()" : name;
    if (name == null) {
      problems.add(new Problem(GuardRule.DG_4, "不允许用计算出的名称访问成员（[...]），请写出成员名称",
          "members may not be reached by a computed name ([...]); write the member's name"));
      return;
    }
    if (REFLECTIVE.contains(name)) {
      problems.add(new Problem(GuardRule.DG_5, "禁止反射：不允许使用 " + shown,
          "no reflection: " + shown + " is not allowed"));
      return;
    }
    Node prefix = unwrap(property.getChild(0));
    String owner = prefix instanceof AstIdentifier identifier ? identifier.getName() : null;
    if (owner != null && allowList.isContextObject(owner)) {
      if (!allowList.contextMember(owner, name)) {
        problems.add(new Problem(GuardRule.DG_4, "不允许使用引擎对象成员 " + owner + "." + shown + "，可用："
            + allowList.contextMembers(owner), owner + "." + shown + " is not allowed; allowed on " + owner + ": "
            + allowList.contextMembers(owner)));
      }
    } else if (owner != null && allowList.isExpressionBean(owner)) {
      if (!allowList.beanMember(owner, name)) {
        problems.add(new Problem(GuardRule.DG_4, "表达式组件 " + owner + " 未发布 " + shown + "，已发布："
            + allowList.expressionBeans().get(owner), "bean " + owner + " does not publish " + shown + "; published: "
            + allowList.expressionBeans().get(owner)));
      }
    } else if (owner != null && beans.exists(owner)) {
      unpublishedBean(owner, problems);
    } else if (call && !allowList.valueMethod(name)) {
      problems.add(new Problem(GuardRule.DG_4, "不允许调用方法 " + shown + "，可用的方法：" + allowList.valueMethods(),
          "method " + shown + " is not allowed; allowed: " + allowList.valueMethods()));
    }
  }

  private void bareIdentifier(String name, List<Problem> problems) {
    if (allowList.isContextObject(name)) {
      problems.add(new Problem(GuardRule.DG_4, "引擎对象 " + name + " 只能通过允许的成员使用："
          + allowList.contextMembers(name), "engine object " + name + " may only be used through its allowed members: "
          + allowList.contextMembers(name)));
    } else if (allowList.isExpressionBean(name)) {
      problems.add(new Problem(GuardRule.DG_4, "表达式组件 " + name + " 只能通过已发布的方法使用："
          + allowList.expressionBeans().get(name), "bean " + name + " may only be used through its published methods: "
          + allowList.expressionBeans().get(name)));
    } else if (beans.exists(name)) {
      unpublishedBean(name, problems);
    }
  }

  private void unpublishedBean(String name, List<Problem> problems) {
    problems.add(new Problem(GuardRule.DG_4, "表达式不得使用未发布的系统组件 " + name + "；已发布的表达式组件："
        + allowList.published().keySet(), "expressions may not use the unpublished bean " + name
        + "; published expression beans: " + allowList.published().keySet()));
  }

  /** The member's name as the engine resolves it; null when it is computed at run time. */
  static String memberName(AstProperty property) {
    if (property instanceof AstDot dot) {
      return dot.toString().substring(2); // AstDot prints ". name"
    }
    Node key = unwrap(property.getChild(1));
    if (key instanceof AstString || key instanceof AstNumber) {
      return String.valueOf(((org.camunda.bpm.impl.juel.AstNode) key).eval(null, null));
    }
    return null;
  }

  private static Node unwrap(Node node) {
    Node current = node;
    while (current instanceof AstNested) {
      current = current.getChild(0);
    }
    return current;
  }
}
