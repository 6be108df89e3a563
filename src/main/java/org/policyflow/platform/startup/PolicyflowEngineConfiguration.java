package org.policyflow.platform.startup;

import java.util.List;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.util.CamundaSpringBootUtil;
import org.springframework.context.annotation.Bean;

/**
 * The engine configuration of the Camunda starter, taking the engine's mappings from
 * {@link EngineMappingPreparation} when they were prepared for the database the engine found.
 */
public class PolicyflowEngineConfiguration extends SpringProcessEngineConfiguration {

  /** Declared in place of the starter's bean of the same name, with the same plugins. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  public static class Declaration {
    @Bean
    public ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> plugins) {
      PolicyflowEngineConfiguration configuration = new PolicyflowEngineConfiguration();
      CamundaSpringBootUtil.initCustomFields(configuration);
      configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(plugins));
      return configuration;
    }
  }

  private boolean mappingsPrepared;

  @Override
  protected void initSqlSessionFactory() {
    // The shared factory is a test set-up of the engine's own; it keeps its own path.
    if (sqlSessionFactory == null && !isUseSharedSqlSessionFactory) {
      EngineMappingPreparation.take(new EngineMappingPreparation.Key(databaseType, databaseTablePrefix))
          .ifPresent(this::usePrepared);
    }
    super.initSqlSessionFactory();
  }

  // What the engine's initSqlSessionFactory sets besides reading the mappings.
  private void usePrepared(Configuration configuration) {
    configuration.setEnvironment(new Environment("default", transactionFactory, dataSource));
    configuration.setDefaultStatementTimeout(jdbcStatementTimeout);
    if (isJdbcBatchProcessing()) {
      configuration.setDefaultExecutorType(ExecutorType.BATCH);
    }
    sqlSessionFactory = new DefaultSqlSessionFactory(configuration);
    mappingsPrepared = true;
  }

  /** Whether this engine took its mappings from the preparation (for the start-up test and the log). */
  public boolean isMappingsPrepared() {
    return mappingsPrepared;
  }
}
