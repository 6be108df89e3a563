package org.policyflow.platform.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The history indexes of docs/history.md exist once the application has started, and a second start changes nothing. */
@PolicyflowIntegrationTest
class HistoryIndexesTest {

  @Autowired DataSource dataSource;
  @Autowired ProcessEngine engine;

  @Test
  void historyIndexesExistAfterStartUpAndCreatingThemAgainIsHarmless() throws Exception {
    assertThat(indexes()).containsAll(expected());
    HistoryIndexes.create(new JdbcTemplate(dataSource), databaseType());
    assertThat(indexes()).containsAll(expected());
  }

  @Test
  void theVariableTextIndexIsMadeOnH2OnlyBecausePostgresRefusesLongEntries() throws Exception {
    assertThat(HistoryIndexes.indexes("h2")).extracting(HistoryIndexes.Index::name).contains("PF_IDX_HI_VAR_NAME_TEXT");
    assertThat(HistoryIndexes.indexes("postgres")).extracting(HistoryIndexes.Index::name)
        .doesNotContain("PF_IDX_HI_VAR_NAME_TEXT").contains("PF_IDX_HI_PRO_INST_START_ID");
    if (!"h2".equals(databaseType())) {
      assertThat(indexes()).doesNotContain("ACT_HI_VARINST.PF_IDX_HI_VAR_NAME_TEXT");
    }
  }

  private String databaseType() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType();
  }

  private Set<String> expected() {
    Set<String> names = new HashSet<>();
    HistoryIndexes.indexes(databaseType()).forEach(index -> names.add(index.table() + "." + index.name()));
    return names;
  }

  /** Index names per table as the database reports them (upper case on H2, lower case on PostgreSQL). */
  private Set<String> indexes() throws Exception {
    Set<String> names = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      boolean lower = connection.getMetaData().storesLowerCaseIdentifiers();
      for (String table : Set.of("ACT_HI_PROCINST", "ACT_HI_VARINST")) {
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null,
            lower ? table.toLowerCase(Locale.ROOT) : table, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              names.add(table + "." + rs.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return names;
  }
}
