package org.policyflow.shared.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The panel draw as plain Java: EXP-1 and EXP-2 over many seeds, field preference, reproducibility. */
class PanelDrawTest {

  static final List<Expert> POOL = List.of(
      new Expert("a", "甲", "清华大学", List.of("集成电路"), "technical"),
      new Expert("b", "乙", "北京大学", List.of("医药健康"), "technical"),
      new Expert("c", "丙", "中国科学院微电子研究所", List.of("集成电路"), "technical"),
      new Expert("d", "丁", "北京航空航天大学", List.of("智能制造与装备"), "technical"),
      new Expert("e", "戊", "北京理工大学", List.of("智能网联汽车"), "technical"),
      new Expert("f", "己", "中国信息通信研究院", List.of("数字经济"), "technical"),
      new Expert("g", "庚", "北京交通大学", List.of("科技服务业"), "management"),
      new Expert("h", "辛", "中国人民大学", List.of("商务服务"), "management"),
      new Expert("i", "壬", " 清华大学 ", List.of("集成电路"), "technical"));

  @Test
  void expertsEXP_2_memberOrganisationNeverDrawn() {
    PanelRequest request = new PanelRequest(5, "北京芯联科技有限公司", List.of("清华大学", "北京大学"), "集成电路", null, null);
    LongStream.range(0, 500).forEach(seed -> {
      PanelDraw draw = PanelDraw.draw(POOL, request, seed);
      assertThat(draw.drawn()).hasSize(5).doesNotContain("a", "b", "i");
      assertThat(draw.excluded()).containsKeys("a", "b", "i");
      assertThat(draw.excluded().get("i")).contains("EXP-2");
    });
  }

  @Test
  void expertsEXP_2_applicantOrganisationNeverDrawn() {
    PanelRequest request = new PanelRequest(3, "中国科学院微电子研究所", List.of(), "集成电路", null, null);
    LongStream.range(0, 200).forEach(seed ->
        assertThat(PanelDraw.draw(POOL, request, seed).drawn()).doesNotContain("c").hasSize(3));
  }

  @Test
  void expertsEXP_2_fieldExpertsArePreferredAndTheRestIsRandom() {
    PanelRequest request = new PanelRequest(3, "某公司", List.of("北京大学"), "集成电路", null, null);
    PanelDraw first = PanelDraw.draw(POOL, request, 1);
    assertThat(first.fieldMatches()).containsExactly("a", "c", "i");
    assertThat(first.drawn()).containsExactlyInAnyOrder("a", "c", "i");

    PanelRequest wider = new PanelRequest(5, "某公司", List.of("北京大学"), "集成电路", null, null);
    Set<List<String>> panels = new java.util.HashSet<>();
    LongStream.range(0, 50).forEach(seed -> {
      PanelDraw draw = PanelDraw.draw(POOL, wider, seed);
      assertThat(draw.drawn()).contains("a", "c", "i");
      panels.add(draw.drawn().stream().sorted().toList());
    });
    assertThat(panels).as("the two other seats are drawn at random").hasSizeGreaterThan(3);
  }

  @Test
  void expertsEXP_1_theRecordedSeedReplaysTheDraw() {
    PanelRequest request = new PanelRequest(5, "某公司", List.of(), "医药健康", null, null);
    PanelDraw draw = PanelDraw.draw(POOL, request, 987654321L);
    assertThat(PanelDraw.draw(POOL, request, Long.parseLong((String) draw.toMap().get("seed"))).drawn())
        .isEqualTo(draw.drawn());
    Map<String, Object> record = draw.toMap();
    assertThat(record).containsKeys("seed", "candidates", "excluded", "eligible", "fieldMatches", "drawn");
  }

  @Test
  void expertsEXP_1_tooFewEligibleIsNotEnough() {
    PanelRequest request = new PanelRequest(5, "清华大学",
        List.of("北京大学", "中国科学院微电子研究所", "北京航空航天大学", "北京理工大学"), "集成电路", null, null);
    PanelDraw draw = PanelDraw.draw(POOL, request, 7);
    assertThat(draw.eligible()).containsExactly("f", "g", "h");
    assertThat(draw.enough()).isFalse();
  }

  @Test
  void expertsEXP_1_aMixedPanelHasEachRequestedType() {
    PanelRequest request = new PanelRequest(3, "某公司", List.of(), "集成电路", List.of("technical", "management"), null);
    LongStream.range(0, 100).forEach(seed -> {
      PanelDraw draw = PanelDraw.draw(POOL, request, seed);
      assertThat(draw.enough()).isTrue();
      assertThat(draw.drawn()).hasSize(3).containsAnyOf("g", "h");
    });
    PanelRequest noManagers = new PanelRequest(3, "某公司", List.of("北京交通大学", "中国人民大学"), "集成电路",
        List.of("technical", "management"), null);
    PanelDraw draw = PanelDraw.draw(POOL, noManagers, 3);
    assertThat(draw.missingTypes()).containsExactly("management");
    assertThat(draw.enough()).isFalse();
  }

  @Test
  void expertsEXP_2_alreadyDrawnExpertsAreNotDrawnAgain() {
    PanelRequest request = new PanelRequest(1, "某公司", List.of(), "集成电路", null, Set.of("a", "c", "i"));
    LongStream.range(0, 50).forEach(seed ->
        assertThat(PanelDraw.draw(POOL, request, seed).drawn()).singleElement().isNotIn("a", "c", "i"));
  }

  @Test
  void expertsEXP_1_anEvenPanelSizeStopsTheStartUp() {
    assertThatThrownBy(() -> new ExpertProperties(4, 100, 5, 2, "experts"))
        .hasMessageContaining("EXP-1").hasMessageContaining("4");
    assertThat(new ExpertProperties(7, 100, 5, 2, "experts").reminderWorkingDays()).isEqualTo(3);
  }
}
