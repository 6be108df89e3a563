package org.policyflow.shared.dossier;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/** The document store on the engine's database; its table is created once the engine (and cluster lock) is up. */
@Configuration
public class DossierConfiguration {

  @Bean
  DocumentStore dossierDocumentStore(DataSource dataSource) {
    return new DocumentStore(new JdbcTemplate(dataSource));
  }

  /** As the working-day calendar does: inside the cluster start-up lock, so two nodes never race on the DDL. */
  @Bean
  @Order(5)
  AbstractProcessEnginePlugin dossierSchema(DocumentStore store) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postProcessEngineBuild(ProcessEngine processEngine) {
        store.createSchema();
      }
    };
  }
}
