package org.policyflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** #16 finding 9: no cell of the audit CSV export is read as a formula by a spreadsheet. */
class AuditCsvEscapingTest {

  @Test
  void finding9_everyFormulaTriggerIsEscaped_alsoFullWidthAndAfterLeadingWhitespace() {
    for (String dangerous : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\r=1", "\n=1",
        "＝HYPERLINK(\"http://x\")", "＋1", "－1", "＠A1", " =1", "\u3000=1", "\u00A0@x", "  \t=1"}) {
      String cell = AuditController.cell(dangerous);
      String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
      assertThat(unquoted).as(dangerous).startsWith("'");
    }
    assertThat(AuditController.cell("北京通州智造科技有限公司")).isEqualTo("北京通州智造科技有限公司");
    assertThat(AuditController.cell("a-b")).isEqualTo("a-b");
    assertThat(AuditController.cell("2026-01-01")).isEqualTo("2026-01-01");
    assertThat(AuditController.cell("say \"hi\", ok")).isEqualTo("\"say \"\"hi\"\", ok\"");
  }
}
