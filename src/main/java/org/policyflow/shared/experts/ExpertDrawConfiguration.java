package org.policyflow.shared.experts;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seed of every draw comes from here; nobody can predict a panel, and the recorded seed replays it. */
@Configuration
public class ExpertDrawConfiguration {

  @Bean
  RandomGenerator expertDrawRandom() {
    return new SecureRandom();
  }
}
