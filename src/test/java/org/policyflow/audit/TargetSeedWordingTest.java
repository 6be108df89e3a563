package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyflow.SeedTexts;
import org.policyflow.audit.TargetProperties.Comparison;
import org.policyflow.audit.TargetProperties.Target;

/**
 * The targets of 001 as the seed writes them: each label is made of the seed's own words (TGT-L1), and the
 * comparison follows the seed's verb (TGT-C1) — "突破/超过" is strictly more than the number, "达/达到/以上"
 * reaches it, "左右" is about.
 */
class TargetSeedWordingTest {

  @Test
  void targetsTGT_L1_everyLabelOf001IsTheSeedsOwnWords() throws Exception {
    String seed = seed001();
    for (Target target : seedTargets()) {
      assertThat(seed).as(target.key() + " wording").contains(target.wording());
      assertThat(madeOfAtMostTwoPieces(target.label(), target.wording())).as(target.key() + " label " + target.label())
          .isTrue();
    }
    assertThat(TargetFormConsistencyTest.load().items()).extracting(Target::label)
        .contains("科技小院", "杰出青年科技工作者", "优秀科技创新团队")
        .doesNotContain("科学家小院", "优秀青年科学家");
  }

  @Test
  void targetsTGT_C1_theComparisonFollowsTheSeedsVerb() throws Exception {
    for (Target target : seedTargets()) {
      String wording = target.wording();
      assertThat(wording).as(target.key()).contains(target.target().stripTrailingZeros().toPlainString());
      Comparison expected = wording.contains("突破") || wording.contains("超过") ? Comparison.MORE_THAN
          : wording.contains("左右") || wording.contains("约") ? Comparison.ABOUT : Comparison.AT_LEAST;
      assertThat(target.comparison()).as(target.key() + ": " + wording).isEqualTo(expected);
    }
    assertThat(Comparison.MORE_THAN.symbol()).isEqualTo(">");
  }

  @Test
  void targetsTGT_C1_aMoreThanTargetIsNotMetByTheNumberItself() throws Exception {
    Target patents = seedTargets().stream().filter(t -> t.key().equals("high-value-patents")).findFirst().orElseThrow();
    assertThat(TargetBoard.met(patents, new BigDecimal("3100"), BigDecimal.ZERO)).isFalse();
    assertThat(TargetBoard.met(patents, new BigDecimal("3101"), BigDecimal.ZERO)).isTrue();
    Target courtyards = seedTargets().stream().filter(t -> t.key().equals("science-courtyards")).findFirst().orElseThrow();
    assertThat(TargetBoard.met(courtyards, new BigDecimal("20"), BigDecimal.ZERO)).isTrue();
    assertThat(TargetBoard.met(courtyards, new BigDecimal("19"), BigDecimal.ZERO)).isFalse();
  }

  /** Every target with a seed wording; all of them come from 001 (its due year 2027). */
  private static List<Target> seedTargets() throws Exception {
    List<Target> targets = TargetFormConsistencyTest.load().items().stream().filter(t -> t.wording() != null).toList();
    assertThat(targets).hasSizeGreaterThanOrEqualTo(18).allSatisfy(t -> assertThat(t.dueYear()).isEqualTo(2027));
    return targets;
  }

  /** A label may join two phrases of the sentence ("子基金" + "总规模"), never add words of its own. */
  private static boolean madeOfAtMostTwoPieces(String label, String wording) {
    if (wording.contains(label)) {
      return true;
    }
    for (int cut = 1; cut < label.length(); cut++) {
      if (wording.contains(label.substring(0, cut)) && wording.contains(label.substring(cut))) {
        return true;
      }
    }
    return false;
  }

  private static String seed001() throws Exception {
    return SeedTexts.read("001").replaceAll("\\s+", "");
  }
}
