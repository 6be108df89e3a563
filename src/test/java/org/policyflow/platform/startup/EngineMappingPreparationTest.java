package org.policyflow.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's MyBatis mappings read beside the application context (docs/benchmark.md, Start-up) are the
 * mappings the engine would have read itself, and the engine takes them only for the database it found.
 */
@PolicyflowIntegrationTest
class EngineMappingPreparationTest {

  @Autowired ProcessEngine processEngine;
  @Autowired DataSource dataSource;

  @Test
  void theRunningEngineTookThePreparedMappingsWithItsOwnDataSourceAndTransactions() {
    PolicyflowEngineConfiguration configuration =
        (PolicyflowEngineConfiguration) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.isMappingsPrepared()).isTrue();
    Configuration mappings = configuration.getSqlSessionFactory().getConfiguration();
    assertThat(mappings.getEnvironment().getDataSource()).isSameAs(configuration.getDataSource());
    assertThat(mappings.getEnvironment().getTransactionFactory()).isSameAs(configuration.getTransactionFactory());
    assertThat(mappings.getDefaultStatementTimeout()).isEqualTo(configuration.getJdbcStatementTimeout());
  }

  @Test
  void preparedMappingsEqualWhatTheEngineReadsItselfOnEachDatabase() {
    for (String databaseType : new String[] {"h2", "postgres"}) {
      Configuration prepared = EngineMappingPreparation.read(new EngineMappingPreparation.Key(databaseType, ""));
      Configuration engineOwn = EngineOwnRead.of(databaseType, dataSource);
      assertThat(prepared.getMappedStatementNames()).as(databaseType)
          .containsExactlyInAnyOrderElementsOf(engineOwn.getMappedStatementNames());
      assertThat(prepared.getResultMapNames()).containsExactlyInAnyOrderElementsOf(engineOwn.getResultMapNames());
      assertThat(staticSql(prepared)).as(databaseType).isEqualTo(staticSql(engineOwn));
      assertThat(prepared.isUseGeneratedKeys()).isEqualTo(engineOwn.isUseGeneratedKeys());
      assertThat(prepared.getJdbcTypeForNull()).isEqualTo(engineOwn.getJdbcTypeForNull());
    }
  }

  @Test
  void aPreparationForAnotherDatabaseIsNotTakenAndTheEngineReadsItsOwn() {
    EngineMappingPreparation.start(new EngineMappingPreparation.Key("postgres", ""));
    assertThat(EngineMappingPreparation.take(new EngineMappingPreparation.Key("h2", ""))).isEmpty();
    // Nothing is left pending for a later start either.
    assertThat(EngineMappingPreparation.take(new EngineMappingPreparation.Key("postgres", ""))).isEmpty();
  }

  @Test
  void aPreparationIsTakenOnceForItsKey() {
    EngineMappingPreparation.Key key = new EngineMappingPreparation.Key("h2", "");
    EngineMappingPreparation.start(key);
    assertThat(EngineMappingPreparation.take(key)).isPresent();
    assertThat(EngineMappingPreparation.take(key)).isEmpty();
  }

  // SQL text of every statement whose SQL does not depend on its parameter (most of them): the same text
  // means the same properties (table prefix, paging syntax of the database) went into both reads.
  private static Map<String, String> staticSql(Configuration configuration) {
    Map<String, String> sql = new TreeMap<>();
    for (String name : configuration.getMappedStatementNames()) {
      MappedStatement statement = configuration.getMappedStatement(name, false);
      if (!statement.getSqlSource().getClass().getSimpleName().equals("DynamicSqlSource")) {
        sql.put(statement.getId(), statement.getBoundSql(null).getSql());
      }
    }
    return sql;
  }

  /** The engine's own initSqlSessionFactory, on a configuration that builds nothing else. */
  private static final class EngineOwnRead extends StandaloneProcessEngineConfiguration {
    static Configuration of(String databaseType, DataSource dataSource) {
      EngineOwnRead configuration = new EngineOwnRead();
      configuration.setDatabaseType(databaseType);
      configuration.setDataSource(dataSource);
      configuration.transactionFactory = new JdbcTransactionFactory();
      configuration.initSqlSessionFactory();
      return configuration.getSqlSessionFactory().getConfiguration();
    }
  }
}
