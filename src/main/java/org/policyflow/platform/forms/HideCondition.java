package org.policyflow.platform.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The part of FEEL that the project's forms use in {@code conditional.hide}: comparisons
 * ({@code = != < <= > >=}) of a field with a string, number, boolean or null, combined with
 * {@code and}, {@code or}, {@code not(…)} and parentheses. {@link #parse} answers null for anything
 * else, and the caller then treats the field as possibly hidden: its other rules hold when a value
 * comes, but it is never required.
 */
final class HideCondition {

  private final Node root;

  private HideCondition(Node root) {
    this.root = root;
  }

  /** The condition, or null when it is not a FEEL expression of the supported subset. */
  static HideCondition parse(String expression) {
    if (expression == null || !expression.startsWith("=")) {
      return null;
    }
    try {
      Parser parser = new Parser(tokens(expression.substring(1)));
      Node node = parser.or();
      return parser.atEnd() ? new HideCondition(node) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether the field is hidden, given the form's values by name (null for a missing value). */
  boolean hides(Function<String, Object> values) {
    return Boolean.TRUE.equals(root.eval(values));
  }

  private interface Node {
    Object eval(Function<String, Object> values);
  }

  private record Literal(Object value) implements Node {
    public Object eval(Function<String, Object> values) {
      return value;
    }
  }

  private record Name(String path) implements Node {
    public Object eval(Function<String, Object> values) {
      String[] parts = path.split("\\.");
      Object value = values.apply(parts[0]);
      for (int i = 1; i < parts.length && value != null; i++) {
        value = value instanceof Map<?, ?> map ? map.get(parts[i]) : null;
      }
      return value instanceof Number n ? new BigDecimal(n.toString()) : value;
    }
  }

  private record Not(Node operand) implements Node {
    public Object eval(Function<String, Object> values) {
      Object value = operand.eval(values);
      return value instanceof Boolean b ? !b : null;
    }
  }

  private record Logic(boolean and, Node left, Node right) implements Node {
    // FEEL's three-valued logic: false decides an "and", true decides an "or", otherwise null.
    public Object eval(Function<String, Object> values) {
      Object l = left.eval(values);
      Object r = right.eval(values);
      Boolean decisive = !and;
      if (decisive.equals(l) || decisive.equals(r)) {
        return decisive;
      }
      return l instanceof Boolean && r instanceof Boolean ? !decisive : null;
    }
  }

  private record Compare(String operator, Node left, Node right) implements Node {
    public Object eval(Function<String, Object> values) {
      Object l = left.eval(values);
      Object r = right.eval(values);
      if (operator.equals("=") || operator.equals("!=")) {
        boolean equal = l instanceof BigDecimal a && r instanceof BigDecimal b ? a.compareTo(b) == 0 : Objects.equals(l, r);
        return operator.equals("=") == equal;
      }
      int order;
      if (l instanceof BigDecimal a && r instanceof BigDecimal b) {
        order = a.compareTo(b);
      } else if (l instanceof String a && r instanceof String b) {
        order = a.compareTo(b);
      } else {
        return null;
      }
      return switch (operator) {
        case "<" -> order < 0;
        case "<=" -> order <= 0;
        case ">" -> order > 0;
        default -> order >= 0;
      };
    }
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0 || text.substring(i + 1, end).contains("\\")) {
          throw new IllegalArgumentException("string");
        }
        tokens.add(text.substring(i, end + 1));
        i = end + 1;
      } else if ("()".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else if ("<>!=".indexOf(c) >= 0) {
        boolean two = i + 1 < text.length() && text.charAt(i + 1) == '=' && c != '=';
        if (c == '!' && !two) {
          throw new IllegalArgumentException("operator");
        }
        tokens.add(text.substring(i, two ? i + 2 : i + 1));
        i += two ? 2 : 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
        int start = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.".indexOf(text.charAt(i)) >= 0
            || (i == start && text.charAt(i) == '-'))) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        throw new IllegalArgumentException("character " + c);
      }
    }
    return tokens;
  }

  private static final class Parser {
    private final List<String> tokens;
    private int position;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return position == tokens.size();
    }

    private String peek() {
      return atEnd() ? null : tokens.get(position);
    }

    private String next() {
      if (atEnd()) {
        throw new IllegalArgumentException("end");
      }
      return tokens.get(position++);
    }

    Node or() {
      Node left = and();
      while ("or".equals(peek())) {
        next();
        left = new Logic(false, left, and());
      }
      return left;
    }

    Node and() {
      Node left = comparison();
      while ("and".equals(peek())) {
        next();
        left = new Logic(true, left, comparison());
      }
      return left;
    }

    Node comparison() {
      Node left = operand();
      String op = peek();
      if (op != null && List.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
        next();
        return new Compare(op, left, operand());
      }
      return left;
    }

    Node operand() {
      String token = next();
      if (token.equals("(")) {
        Node inner = or();
        expect(")");
        return inner;
      }
      if (token.equals("not") && "(".equals(peek())) {
        next();
        Node inner = or();
        expect(")");
        return new Not(inner);
      }
      if (token.startsWith("\"")) {
        return new Literal(token.substring(1, token.length() - 1));
      }
      switch (token) {
        case "true":
          return new Literal(Boolean.TRUE);
        case "false":
          return new Literal(Boolean.FALSE);
        case "null":
          return new Literal(null);
        default:
          break;
      }
      if (token.matches("-?[0-9]+(\\.[0-9]+)?")) {
        return new Literal(new BigDecimal(token));
      }
      if (token.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")
          && !List.of("and", "or", "not", "if", "then", "else", "for", "in", "some", "every").contains(token)) {
        return new Name(token);
      }
      throw new IllegalArgumentException("token " + token);
    }

    private void expect(String token) {
      if (!token.equals(next())) {
        throw new IllegalArgumentException("expected " + token);
      }
    }
  }
}
