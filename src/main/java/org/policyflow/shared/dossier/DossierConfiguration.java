package org.policyflow.shared.dossier;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The document store on the engine's database; its table is created once the engine (and cluster lock) is up,
 * and the engine's history cleanup removes a case's documents with its history.
 */
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
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Same type as the engine's history cleanup handler: custom handlers are registered after the
        // built-in ones and take their place.
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new DossierHistoryCleanup(store));
        configuration.setCustomJobHandlers(handlers);
      }

      @Override
      public void postProcessEngineBuild(ProcessEngine processEngine) {
        store.createSchema();
      }
    };
  }
}
