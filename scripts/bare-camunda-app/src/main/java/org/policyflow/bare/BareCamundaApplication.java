package org.policyflow.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Engine, webapps and REST API with nothing of policyflow: what a plain deployment costs to start. */
@SpringBootApplication
public class BareCamundaApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
