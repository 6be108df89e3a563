package org.policyflow.shared.credit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodeTest {

  @Test
  void realCodesAreValid() {
    assertThat(CreditCode.isValid("91330100716105852F")).isTrue();
    assertThat(CreditCode.isValid("9144030071526726XG")).isTrue();
    assertThat(CreditCode.isValid(" 9144030071526726xg ")).as("typed in lower case with blanks").isTrue();
  }

  @Test
  void aWrongCheckCharacterIsRefused() {
    assertThat(CreditCode.check("creditCode", "91330100716105852E")).get()
        .satisfies(v -> assertThat(v.describe()).contains("creditCode").contains("校验位").contains("check character"));
  }

  @Test
  void aMalformedCodeIsRefusedNamingTheProblem() {
    assertThat(CreditCode.check("creditCode", "9133010071610585")).get()
        .satisfies(v -> assertThat(v.reasonEn()).contains("18 characters"));
    assertThat(CreditCode.check("creditCode", "91330100716I05852F")).get()
        .satisfies(v -> assertThat(v.reasonZh()).contains("第12位"));
    assertThat(CreditCode.check("creditCode", null)).isPresent();
  }
}
