package org.policyflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.policyflow.SeedTexts;

/**
 * docs/rules.md cannot go stale: every row's quoted clause is in its seed, its enforcing file holds the
 * rule ID, its test exists and names the rule; and every rule ID of the catalogue and of the code has a row.
 */
class RuleCatalogueTest {

  private static final Path RULES = Path.of("docs/rules.md");
  /** The specification the project was given; outside the repository, so read only where it is present. */
  private static final Path POLICY_RULES = Path.of("../shared/policy-rules.md");
  private static final Pattern QUOTE = Pattern.compile("「(.*?)」");
  /** A rule ID in a Java string: "TZP-E5", "[BJC-I2] …", "CREDIT-REGISTRY". */
  private static final Pattern CODE_ID = Pattern.compile("\"\\[?([A-Z]{2,}(?:-[A-Z0-9]+)+)");

  /**
   * Words in Java strings that look like rule IDs but are not policy rules: the platform's own rule
   * families, catalogued where they are defined (deployment guard DG-/MC-: docs/deployment-guard.md; form
   * check FORM-: docs/form-check.md), and technical names (the engine's log codes, encodings, headers).
   */
  private static final Pattern NOT_A_POLICY_RULE = Pattern.compile("(DG|MC|FORM|ENGINE)-.*|UTF-8|SHA-256|WWW-A");

  record Row(String id, String seed, String clause, String code, String testClass, String testMethod) {}

  @Test
  void everyRowQuotesItsSeedAndNamesCodeAndTestThatHoldTheRule() {
    List<String> problems = new ArrayList<>();
    Map<String, List<Path>> sources = files(Path.of("src/main"), Path.of("processes"), Path.of("forms"));
    Map<String, List<Path>> tests = files(Path.of("src/test/java"));
    for (Row row : rows()) {
      Matcher quote = QUOTE.matcher(row.clause());
      while (quote.find()) {
        if (!row.seed().matches("\\d{3}") || !SeedTexts.read(row.seed()).replaceAll("\\s+", "")
            .contains(quote.group(1).replaceAll("\\s+", ""))) {
          problems.add(row.id() + ": not in seed " + row.seed() + ": " + quote.group(1));
        }
      }
      List<Path> code = sources.getOrDefault(row.code(), List.of());
      if (code.stream().noneMatch(p -> read(p).contains(row.id()))) {
        problems.add(row.id() + ": " + row.code() + (code.isEmpty() ? " does not exist" : " does not contain the ID"));
      }
      List<Path> test = tests.getOrDefault(row.testClass() + ".java", List.of());
      if (test.stream().noneMatch(p -> read(p).contains("void " + row.testMethod() + "("))) {
        problems.add(row.id() + ": no test " + row.testClass() + "." + row.testMethod());
      }
      if (!names(row.testMethod(), row.id())) {
        problems.add(row.id() + ": test name does not name the rule: " + row.testMethod());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRuleIdOfTheCodeAndOfTheCatalogueHasARow() {
    Set<String> documented = new TreeSet<>(rows().stream().map(Row::id).toList());
    Set<String> inCode = new TreeSet<>();
    files(Path.of("src/main/java")).values().stream().flatMap(List::stream).forEach(p -> {
      Matcher id = CODE_ID.matcher(read(p));
      while (id.find()) {
        if (!NOT_A_POLICY_RULE.matcher(id.group(1)).matches()) {
          inCode.add(id.group(1));
        }
      }
    });
    assertThat(documented).as("rule IDs used in src/main/java").containsAll(inCode);
    if (Files.exists(POLICY_RULES)) {
      Matcher id = Pattern.compile("`((?:TZP|BJC|YCC|TIC|EXP)-[A-Z]*\\d+)`").matcher(read(POLICY_RULES));
      Set<String> catalogue = new TreeSet<>();
      while (id.find()) {
        catalogue.add(id.group(1));
      }
      assertThat(documented).as("rule IDs of policy-rules.md").containsAll(catalogue);
    }
  }

  @Test
  void aTestNamesARuleDirectlyInAChainOrInARange() {
    assertThat(names("consortiumBJC_L3_x", "BJC-L3")).isTrue();
    assertThat(names("consortiumBJC_L2_L3_x", "BJC-L3")).isTrue();
    assertThat(names("partnerTZP_E1toE7_x", "TZP-E5")).isTrue();
    assertThat(names("creditCREDIT_REGISTRY_x", "CREDIT-REGISTRY")).isTrue();
    assertThat(names("consortiumBJC_L12_x", "BJC-L1")).isFalse();
    assertThat(names("partnerTZP_E1toE4_x", "TZP-E5")).isFalse();
    assertThat(names("consortiumBJC_L2_x", "BJC-L3")).isFalse();
  }

  /** The method name carries the ID (dashes as underscores), alone, in a chain (BJC_L2_L3) or a range (TZP_E1toE7). */
  static boolean names(String method, String id) {
    if (Pattern.compile(Pattern.quote(id.replace('-', '_')) + "(?![A-Z0-9])").matcher(method).find()) {
      return true;
    }
    int dash = id.lastIndexOf('-');
    String prefix = id.substring(0, dash).replace('-', '_');
    String suffix = id.substring(dash + 1);
    if (Pattern.compile(Pattern.quote(prefix) + "_(?:[A-Z0-9]+_)*" + Pattern.quote(suffix) + "(?![A-Z0-9])")
        .matcher(method).find()) {
      return true;
    }
    Matcher single = Pattern.compile("([A-Z]+)(\\d+)").matcher(suffix);
    Matcher range = Pattern.compile(Pattern.quote(prefix) + "_([A-Z]+)(\\d+)to\\1(\\d+)").matcher(method);
    return single.matches() && range.find() && range.group(1).equals(single.group(1))
        && Integer.parseInt(range.group(2)) <= Integer.parseInt(single.group(2))
        && Integer.parseInt(single.group(2)) <= Integer.parseInt(range.group(3));
  }

  /** The rows of both tables: | rule | seed | clause | `enforced in` | `TestClass.method` |. */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : read(RULES).split("\n")) {
      if (!line.startsWith("| ") || line.startsWith("| rule ")) {
        continue;
      }
      String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
      String test = cells[4].trim().replace("`", "");
      rows.add(new Row(cells[0].trim().split("\\s+")[0], cells[1].trim().split("\\s+")[0], cells[2].trim(),
          cells[3].trim().replace("`", ""), test.substring(0, test.indexOf('.')), test.substring(test.indexOf('.') + 1)));
    }
    assertThat(rows).as("rows of docs/rules.md").hasSizeGreaterThan(40);
    return rows;
  }

  private static Map<String, List<Path>> files(Path... roots) {
    Map<String, List<Path>> byName = new LinkedHashMap<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> byName.computeIfAbsent(p.getFileName().toString(), n -> new ArrayList<>()).add(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return byName;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
