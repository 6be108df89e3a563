package org.policyflow.platform.history;

import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's history tables for the look-ups the audit views make and the engine's schema does
 * not index (docs/history.md): with ten years of history these queries would otherwise read a whole table.
 * Created at every start after the engine has created or updated its schema, as {@code CREATE INDEX IF NOT
 * EXISTS} (H2 and PostgreSQL alike), so a restart or a second cluster node changes nothing; inside the
 * cluster start-up lock like the other schema steps. The PF_ prefix keeps them apart from the engine's own.
 */
@Component
@Order(6)
public class HistoryIndexes extends AbstractProcessEnginePlugin {

  /** Index name, table, columns. */
  public record Index(String name, String table, String columns) {}

  public static final List<Index> INDEXES = List.of(
      // The called instances of an instance (instance history "调用的流程", the dossier's case tree).
      new Index("PF_IDX_HI_PRO_INST_SUPER", "ACT_HI_PROCINST", "SUPER_PROCESS_INSTANCE_ID_"),
      // The search by applicant (user id or name): instances started by a user.
      new Index("PF_IDX_HI_PRO_INST_START_USER", "ACT_HI_PROCINST", "START_USER_ID_"),
      // The search by process, newest first: one process's instances in start order.
      new Index("PF_IDX_HI_PRO_INST_KEY_START", "ACT_HI_PROCINST", "PROC_DEF_KEY_, START_TIME_"),
      // The audit search and CSV export, newest first in a stable order (start time, then id): a page reads
      // its rows in index order and stops, instead of sorting all of history (docs/history.md, "Query shapes").
      new Index("PF_IDX_HI_PRO_INST_START_ID", "ACT_HI_PROCINST", "START_TIME_ DESC, ID_ DESC"));

  private static final Logger LOG = LoggerFactory.getLogger(HistoryIndexes.class);

  private final DataSource dataSource;

  public HistoryIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    create(new JdbcTemplate(dataSource));
  }

  static void create(JdbcTemplate jdbc) {
    for (Index index : INDEXES) {
      jdbc.execute("CREATE INDEX IF NOT EXISTS " + index.name() + " ON " + index.table() + " (" + index.columns() + ")");
    }
    LOG.info("History indexes in place: {}", INDEXES.stream().map(Index::name).toList());
  }
}
