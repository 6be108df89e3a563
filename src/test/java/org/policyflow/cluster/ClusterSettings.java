package org.policyflow.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code scripts/cluster-test.sh} hands to the cluster test: the throwaway database, the jar to run
 * and a private directory for node logs and pid files.
 */
record ClusterSettings(String dbUrl, String dbUser, String dbPassword, Path jar, Path runDir, int lockTimeMillis) {

  /** Lock time of the nodes' job executors in the test: a killed node's jobs are free again after it. */
  static final int LOCK_TIME_MILLIS = 15_000;

  static ClusterSettings fromEnvironment() {
    Path jar = Path.of(required("POLICYFLOW_CLUSTER_JAR"));
    Path runDir = Path.of(required("POLICYFLOW_CLUSTER_RUN_DIR"));
    if (!Files.isRegularFile(jar) || !Files.isDirectory(runDir)) {
      throw new IllegalStateException("Jar " + jar + " or run directory " + runDir + " missing");
    }
    return new ClusterSettings(required("POLICYFLOW_CLUSTER_DB_URL"), required("POLICYFLOW_CLUSTER_DB_USER"),
        required("POLICYFLOW_CLUSTER_DB_PASSWORD"), jar, runDir, LOCK_TIME_MILLIS);
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the cluster test through scripts/cluster-test.sh");
    }
    return value;
  }
}
