package org.policyflow.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EngineMappingPreparationStarterTest {

  @Test
  void theDatabaseTypeComesFromTheJdbcAddressOfEitherDatabase() {
    assertThat(EngineMappingPreparationStarter.databaseType(
        new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/policyflow"))).hasValue("h2");
    assertThat(EngineMappingPreparationStarter.databaseType(
        new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/policyflow")))
        .hasValue("postgres");
  }

  @Test
  void aConfiguredDatabaseTypeWinsAndAnUnknownAddressPreparesNothing() {
    assertThat(EngineMappingPreparationStarter.databaseType(new MockEnvironment()
        .withProperty("spring.datasource.url", "jdbc:h2:mem:x").withProperty("camunda.bpm.database.type", "postgres")))
        .hasValue("postgres");
    assertThat(EngineMappingPreparationStarter.databaseType(
        new MockEnvironment().withProperty("spring.datasource.url", "jdbc:oracle:thin:@db:1521/x"))).isEmpty();
    assertThat(EngineMappingPreparationStarter.databaseType(new MockEnvironment())).isEmpty();
  }
}
