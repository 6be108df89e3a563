package org.policyflow.platform.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text of a given length that matches a simple form pattern: anchors, literals, character classes
 * with ranges, {@code .}, and the quantifiers {@code {n} {m,n} + * ?}. Null when the pattern is
 * outside that or no text of that length matches.
 */
final class PatternSample {

  private record Atom(String sample, int min, int max) {}

  private PatternSample() {}

  static String of(String pattern, int length) {
    List<Atom> atoms = new ArrayList<>();
    int i = 0;
    String body = pattern.startsWith("^") ? pattern.substring(1) : pattern;
    body = body.endsWith("$") ? body.substring(0, body.length() - 1) : body;
    while (i < body.length()) {
      char c = body.charAt(i);
      String sample;
      if (c == '[') {
        int end = body.indexOf(']', i + 1);
        if (end < 0) {
          return null;
        }
        String cls = body.substring(i + 1, end);
        if (cls.startsWith("^")) {
          return null;
        }
        sample = cls.startsWith("\\") ? cls.substring(1, 2) : cls.substring(0, 1);
        i = end + 1;
      } else if (c == '.') {
        sample = "某";
        i++;
      } else if (c == '\\') {
        sample = body.substring(i + 1, i + 2);
        if (Character.isLetter(sample.charAt(0))) {
          sample = switch (sample) {
            case "d" -> "1";
            case "w", "S" -> "a";
            default -> null;
          };
          if (sample == null) {
            return null;
          }
        }
        i += 2;
      } else if ("()|".indexOf(c) >= 0) {
        return null;
      } else {
        sample = String.valueOf(c);
        i++;
      }
      int min = 1;
      int max = 1;
      if (i < body.length()) {
        char q = body.charAt(i);
        if (q == '{') {
          int end = body.indexOf('}', i);
          String[] bounds = body.substring(i + 1, end).split(",", -1);
          min = Integer.parseInt(bounds[0]);
          max = bounds.length == 1 ? min : bounds[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1]);
          i = end + 1;
        } else if (q == '+') {
          max = Integer.MAX_VALUE;
          i++;
        } else if (q == '*') {
          min = 0;
          max = Integer.MAX_VALUE;
          i++;
        } else if (q == '?') {
          min = 0;
          i++;
        }
      }
      atoms.add(new Atom(sample, min, max));
    }
    int[] counts = atoms.stream().mapToInt(Atom::min).toArray();
    int total = java.util.Arrays.stream(counts).sum();
    for (int a = atoms.size() - 1; a >= 0 && total < length; a--) {
      int more = (int) Math.min((long) atoms.get(a).max() - counts[a], length - total);
      counts[a] += more;
      total += more;
    }
    if (total != length) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int a = 0; a < atoms.size(); a++) {
      text.append(atoms.get(a).sample().repeat(counts[a]));
    }
    return Pattern.compile(pattern).matcher(text).find() ? text.toString() : null;
  }
}
