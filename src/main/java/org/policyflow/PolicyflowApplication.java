package org.policyflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Camunda 7 engine, webapps and REST API running the science-and-technology policy programmes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PolicyflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(PolicyflowApplication.class, args);
  }
}
