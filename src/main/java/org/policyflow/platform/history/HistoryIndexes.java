package org.policyflow.platform.history;

import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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

  /** Index name, table, columns, and the one database it is for (null: every database). */
  public record Index(String name, String table, String columns, String database) {
    Index(String name, String table, String columns) {
      this(name, table, columns, null);
    }

    boolean isFor(String databaseType) {
      return database == null || database.equals(databaseType);
    }
  }

  public static final List<Index> INDEXES = List.of(
      // The called instances of an instance (instance history "调用的流程", the dossier's case tree).
      new Index("PF_IDX_HI_PRO_INST_SUPER", "ACT_HI_PROCINST", "SUPER_PROCESS_INSTANCE_ID_"),
      // The search by applicant (user id or name): instances started by a user.
      new Index("PF_IDX_HI_PRO_INST_START_USER", "ACT_HI_PROCINST", "START_USER_ID_"),
      // The search by process, newest first: one process's instances in start order.
      new Index("PF_IDX_HI_PRO_INST_KEY_START", "ACT_HI_PROCINST", "PROC_DEF_KEY_, START_TIME_"),
      // The audit search and CSV export, newest first in a stable order (start time, then id): a page reads
      // its rows in index order and stops, instead of sorting all of history (docs/history.md, "Query shapes").
      new Index("PF_IDX_HI_PRO_INST_START_ID", "ACT_HI_PROCINST", "START_TIME_ DESC, ID_ DESC"),
      // The search by organisation name or credit code ("contains"), H2 only: the LIKE runs over these narrow
      // entries instead of the variable rows, and hands over the instance ids from the entry itself. Not on
      // PostgreSQL, whose B-tree refuses an entry over 2,704 bytes (a long Chinese text value would make the
      // variable's history write fail) and whose plan met the goals without it (docs/history.md).
      new Index("PF_IDX_HI_VAR_NAME_TEXT", "ACT_HI_VARINST", "NAME_, TEXT_, PROC_INST_ID_", "h2"));

  private static final Logger LOG = LoggerFactory.getLogger(HistoryIndexes.class);

  private final DataSource dataSource;

  public HistoryIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    create(new JdbcTemplate(dataSource),
        ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDatabaseType());
  }

  /** The indexes for this database type (the engine's name for it: "h2", "postgres"). */
  static List<Index> indexes(String databaseType) {
    return INDEXES.stream().filter(index -> index.isFor(databaseType)).toList();
  }

  static void create(JdbcTemplate jdbc, String databaseType) {
    List<Index> indexes = indexes(databaseType);
    for (Index index : indexes) {
      jdbc.execute("CREATE INDEX IF NOT EXISTS " + index.name() + " ON " + index.table() + " (" + index.columns() + ")");
    }
    LOG.info("History indexes in place: {}", indexes.stream().map(Index::name).toList());
  }
}
