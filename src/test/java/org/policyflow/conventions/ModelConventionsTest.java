package org.policyflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every model and form the project deploys follows the conventions (beans looked up in the real context). */
@PolicyflowIntegrationTest
class ModelConventionsTest {

  @Autowired ApplicationContext context;

  @Test
  void everyModelAndFormInTheProjectFollowsTheConventions() {
    List<String> violations = ModelConventions.check(Path.of("processes"), Path.of("forms"), context::containsBean);
    assertThat(violations).isEmpty();
  }
}
