package org.policyflow.shared.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyflow.SeedTexts;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped rule-exceptions.yaml and the checks on it, without the engine: which conditions are 原则上
 * and which hard (EXC-2), four-eyes (EXC-1), written reasons (EXC-3), and the seed wording of every entry.
 */
class RuleExceptionsTest {

  static RuleExceptions exceptions;

  @BeforeAll
  static void readShippedConfiguration() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load("rule-exceptions", new ClassPathResource("rule-exceptions.yaml"))
        .forEach(environment.getPropertySources()::addLast);
    exceptions = new RuleExceptions(Binder.get(environment)
        .bind("policyflow.rule-exceptions", RuleExceptionTerms.class).get());
  }

  private static List<String> rules(List<RuleViolation> violations) {
    return violations.stream().map(RuleViolation::ruleId).toList();
  }

  @Test
  void exceptionsEXC_2_TZP_E1_E5_E6_legalPersonCreditAndAccidentsAreHardForPartners() {
    for (String hard : List.of("TZP-E1", "TZP-E5", "TZP-E6")) {
      assertThat(exceptions.terms().exceptionable(hard)).as(hard).isFalse();
      assertThat(exceptions.checkRequest(List.of(hard), "理由足够长的书面说明文字", "exceptionRequestReason", "sunpeng"))
          .singleElement().satisfies(v -> assertThat(v.ruleId()).isEqualTo("EXC-2"))
          .satisfies(v -> assertThat(v.reasonZh()).contains(hard).contains("不能申请例外"));
    }
    assertThat(exceptions.allExceptionable(List.of("TZP-E2", "TZP-E3", "TZP-E4"))).isTrue();
    assertThat(exceptions.allExceptionable(List.of("TZP-E2", "TZP-E5"))).isFalse();
    assertThat(exceptions.allExceptionable(List.of())).isFalse();
  }

  @Test
  void exceptionsEXC_2_BJC_I2_integrityIsHardWhileBJC_L1_M1_M2_mayBeExcepted() {
    assertThat(exceptions.allExceptionable(List.of("BJC-L1", "BJC-M1", "BJC-M2"))).isTrue();
    assertThat(rules(exceptions.checkRequest(List.of("BJC-L1", "BJC-I2"), "理由足够长的书面说明文字", "leadL1ExceptionReason",
        "lijianguo"))).containsExactly("EXC-2");
  }

  @Test
  void exceptionsEXC_2_YCC_L1_theLeadInYongchuanIsHardWhileYCC_M1_mayBeExcepted() {
    assertThat(exceptions.terms().exceptionable("YCC-M1")).isTrue();
    assertThat(rules(exceptions.checkRequest(List.of("YCC-L1"), "理由足够长的书面说明文字", "memberExceptionReason", "hewei")))
        .containsExactly("EXC-2");
  }

  @Test
  void exceptionsEXC_2_aRuleTheConfigurationDoesNotNameIsHard() {
    assertThat(exceptions.terms().exceptionable("TIC-E1")).isFalse();
    assertThat(rules(exceptions.checkRequest(List.of("TIC-E1"), "理由足够长的书面说明文字", "x", "lijianguo")))
        .containsExactly("EXC-2");
  }

  @Test
  void exceptionsEXC_1_neitherTheRequesterNorSomeoneOutsideTheGrantingOfficeDecides() {
    assertThat(exceptions.checkDecision("lijianguo", "lijianguo", List.of("bj-sti"), "bj-sti", "grant", "理由足够长的书面说明文字"))
        .singleElement().satisfies(v -> assertThat(v).extracting(RuleViolation::ruleId, RuleViolation::field)
            .containsExactly("EXC-1", "exceptionDecision"));
    assertThat(rules(exceptions.checkDecision("lijianguo", "hewei", List.of("yc-stb"), "bj-sti", "grant", "理由足够长的书面说明文字")))
        .containsExactly("EXC-1");
    assertThat(rules(exceptions.checkDecision("lijianguo", null, null, "bj-sti", "grant", "理由足够长的书面说明文字")))
        .containsExactly("EXC-1");
    assertThat(exceptions.checkDecision("lijianguo", "zhaoyu", List.of("bj-sti"), "bj-sti", "refuse", "理由足够长的书面说明文字"))
        .isEmpty();
    assertThat(rules(exceptions.checkRequest(List.of("BJC-L1"), "理由足够长的书面说明文字", "leadL1ExceptionReason", null)))
        .containsExactly("EXC-1");
  }

  @Test
  void exceptionsEXC_3_theRequestAndTheDecisionNeedAWrittenReason() {
    assertThat(exceptions.checkRequest(List.of("BJC-L1"), "太短", "leadL1ExceptionReason", "lijianguo"))
        .singleElement().satisfies(v -> assertThat(v).extracting(RuleViolation::ruleId, RuleViolation::field)
            .containsExactly("EXC-3", "leadL1ExceptionReason"));
    assertThat(rules(exceptions.checkDecision("lijianguo", "zhaoyu", List.of("bj-sti"), "bj-sti", "maybe", "")))
        .containsExactly("EXC-3", "EXC-3");
  }

  /** Each entry quotes its seed word for word, so the configuration says what the policy says. */
  @Test
  void exceptionsEXC_2_everyConfiguredConditionQuotesItsSeed() {
    assertThat(exceptions.terms().rules()).isNotEmpty().allSatisfy(rule -> assertThat(
        SeedTexts.read(rule.seed().substring(0, 3)).replaceAll("\\s", ""))
        .as(rule.rule()).contains(rule.clause().replaceAll("\\s", "")));
    assertThat(exceptions.terms().grantingGroups()).containsKeys("partner-application", "bj-consortium", "yc-consortium");
  }
}
