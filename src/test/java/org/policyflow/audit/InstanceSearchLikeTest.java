package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The search's text filters are "contains" look-ups: what the auditor types is matched as text, so a % or _
 * in a business key or a name cannot turn the filter into "everything".
 */
class InstanceSearchLikeTest {

  @Test
  void wildcardsTypedIntoAFilterAreMatchedLiterally() {
    assertThat(InstanceSearch.escapeLike("%")).isEqualTo("\\%");
    assertThat(InstanceSearch.escapeLike("TZP_2026")).isEqualTo("TZP\\_2026");
    assertThat(InstanceSearch.escapeLike("a\\b")).isEqualTo("a\\\\b");
    assertThat(InstanceSearch.escapeLike("通州智造（12）")).isEqualTo("通州智造（12）");
  }
}
