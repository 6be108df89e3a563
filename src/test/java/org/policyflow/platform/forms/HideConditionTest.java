package org.policyflow.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HideConditionTest {

  @Test
  void formConditionComparesAFieldWithALiteral() {
    HideCondition notDecline = HideCondition.parse("=recommendation != \"decline\"");
    assertThat(notDecline.hides(values("recommendation", "recommend"))).isTrue();
    assertThat(notDecline.hides(values("recommendation", "decline"))).isFalse();
    assertThat(notDecline.hides(values())).isTrue();
    HideCondition noRecovery = HideCondition.parse("=fundDecision = \"noRecovery\"");
    assertThat(noRecovery.hides(values("fundDecision", "noRecovery"))).isTrue();
    assertThat(noRecovery.hides(values())).isFalse();
  }

  @Test
  void formConditionCombinesNumbersBooleansAndLogic() {
    HideCondition condition = HideCondition.parse("=not(amount >= 10) and (flag = true or kind = null)");
    assertThat(condition.hides(values("amount", 5, "flag", true))).isTrue();
    assertThat(condition.hides(values("amount", 5.0, "kind", "x", "flag", false))).isFalse();
    assertThat(condition.hides(values("amount", 10L, "flag", true))).isFalse();
    assertThat(HideCondition.parse("=order.total > 100").hides(values("order", Map.of("total", 150)))).isTrue();
  }

  @Test
  void formConditionOutsideTheSubsetIsNotEvaluated() {
    assertThat(HideCondition.parse("=count(items) > 2")).isNull();
    assertThat(HideCondition.parse("=if a then b else c")).isNull();
    assertThat(HideCondition.parse("kind = \"x\"")).isNull();
    assertThat(HideCondition.parse("=a = ")).isNull();
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values;
  }

  private static java.util.function.Function<String, Object> values() {
    return name -> null;
  }

  private static java.util.function.Function<String, Object> values(String a, Object b) {
    return values(new Object[] {a, b})::get;
  }

  private static java.util.function.Function<String, Object> values(String a, Object b, String c, Object d) {
    return values(new Object[] {a, b, c, d})::get;
  }

  private static java.util.function.Function<String, Object> values(String a, Object b, String c, Object d, String e,
      Object f) {
    return values(new Object[] {a, b, c, d, e, f})::get;
  }
}
