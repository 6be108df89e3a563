package org.policyflow.shared.experts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * EXP-2 beyond equal names: an expert of a school of the applicant's university, of an organisation with the
 * applicant's credit code under another name, or of a unit staff recorded as affiliated, is never drawn.
 */
class ConflictOfInterestTest {

  static final String TSINGHUA_CODE = "12100000400000624D";

  @Test
  void expertsEXP_2_aSchoolOfTheApplicantsUniversityIsRelated() {
    assertThat(ConflictOfInterest.related("清华大学", "清华大学微电子学院")).isTrue();
    assertThat(ConflictOfInterest.related("清华大学微电子学院", "清华大学")).isTrue();
    assertThat(ConflictOfInterest.related("中国科学院", "中国科学院微电子研究所")).isTrue();
    assertThat(ConflictOfInterest.related(" 清华大学 ", "清华大学")).isTrue();
  }

  @Test
  void expertsEXP_2_namesThatOnlyShareAPrefixAreNotRelated() {
    assertThat(ConflictOfInterest.related("北京大学", "北京理工大学")).isFalse();
    assertThat(ConflictOfInterest.related("北京", "北京大学")).as("a fragment is not an organisation").isFalse();
    assertThat(ConflictOfInterest.related("清华大学", "北京大学")).isFalse();
    assertThat(ConflictOfInterest.related("", "北京大学")).isFalse();
  }

  @Test
  void expertsEXP_2_anExpertOfAnAffiliatedOrSameCodeOrganisationIsNeverDrawn() {
    List<Expert> pool = List.of(
        new Expert("school", "甲", "清华大学微电子学院", List.of("集成电路"), "technical"),
        new Expert("renamed", "乙", "清华大学（集成电路学院）筹", List.of("集成电路"), "technical", TSINGHUA_CODE, List.of()),
        new Expert("affiliated", "丙", "北京某集成电路研究中心", List.of("集成电路"), "technical", null, List.of("清华大学")),
        new Expert("free1", "丁", "北京航空航天大学", List.of("集成电路"), "technical"),
        new Expert("free2", "戊", "北京理工大学", List.of("集成电路"), "technical"),
        new Expert("free3", "己", "中国信息通信研究院", List.of("集成电路"), "technical"));
    // The renamed unit's name does not start with 清华大学 as written; its credit code gives it away.
    PanelRequest request = new PanelRequest(3, "北京芯联科技有限公司", List.of("清华大学"), "集成电路", null, null,
        Set.of(TSINGHUA_CODE));
    LongStream.range(0, 200).forEach(seed -> {
      PanelDraw draw = PanelDraw.draw(pool, request, seed);
      assertThat(draw.drawn()).containsExactlyInAnyOrder("free1", "free2", "free3");
      assertThat(draw.excluded()).containsOnlyKeys("school", "renamed", "affiliated");
    });
    PanelDraw draw = PanelDraw.draw(pool, request, 1);
    assertThat(draw.excluded().get("school")).startsWith("EXP-2 回避：").contains("隶属关系");
    assertThat(draw.excluded().get("renamed")).contains("统一社会信用代码").contains(TSINGHUA_CODE);
    assertThat(draw.excluded().get("affiliated")).contains("清华大学");
  }

  @Test
  void expertsEXP_2_withoutCodesOrHierarchyTheExpertIsEligibleAndTheDeclarationStaysTheLastLine() {
    Expert unrelated = new Expert("x", "庚", "北京某咨询有限公司", List.of("集成电路"), "management", "91110108MA01XKQ126", List.of());
    assertThat(ConflictOfInterest.reason(unrelated, List.of("清华大学"), Set.of(TSINGHUA_CODE))).isEmpty();
  }
}
