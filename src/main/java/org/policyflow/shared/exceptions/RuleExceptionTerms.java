package org.policyflow.shared.exceptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which conditions the seeds state "原则上" / "一般" (an exception may be asked for) and which are hard, with
 * the seed's own words, and which office grants an exception in each programme (rule-exceptions.yaml).
 * A rule missing from the list is hard: only what the configuration names as exceptionable can be excepted.
 */
@ConfigurationProperties("policyflow.rule-exceptions")
public record RuleExceptionTerms(int reasonMinLength, List<Rule> rules, Map<String, String> grantingGroups) {

  /** One condition: its rule ID, whether the seed lets it be excepted, the seed and its words, a short label. */
  public record Rule(String rule, boolean exceptionable, String seed, String clause, String label) {}

  public RuleExceptionTerms {
    if (reasonMinLength < 1) {
      throw new IllegalArgumentException("[" + RuleExceptions.REASON_RULE + "] policyflow.rule-exceptions.reason-min-length: "
          + "须至少为1 / must be at least 1");
    }
    rules = rules == null ? List.of() : List.copyOf(rules);
    grantingGroups = grantingGroups == null ? Map.of() : Map.copyOf(grantingGroups);
  }

  public Optional<Rule> rule(String ruleId) {
    return rules.stream().filter(r -> r.rule().equals(ruleId)).findFirst();
  }

  public boolean exceptionable(String ruleId) {
    return rule(ruleId).map(Rule::exceptionable).orElse(false);
  }
}
