package org.policyflow.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Serializes the start-up of engine nodes that share one PostgreSQL database.
 *
 * <p>At start-up every node creates or updates the schema ({@code schema-update: true}), deploys the
 * models ({@link ModelDeployer}) and provisions groups, users, authorizations and filters
 * ({@code IdentitySetup}). Camunda serializes only the deployment (a {@code SELECT … FOR UPDATE} on the
 * {@code deployment.lock} row of {@code ACT_GE_PROPERTY}); it takes no lock around schema creation, and
 * two nodes provisioning identity at the same moment both insert the same group and the second fails on
 * the unique key. So the whole start-up, from before the schema check until the last start-up plugin
 * has run, holds a PostgreSQL session-level advisory lock: the second node waits, then finds schema,
 * deployment and identity in place and changes nothing.
 *
 * <p>The lock lives on a connection of its own, outside any transaction. If a node dies while holding it
 * PostgreSQL ends the session and releases the lock, so a crashed start-up never blocks the others.
 * Other databases (the single-node H2 file database) take no lock: a second JVM cannot open that file.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ClusterStartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

  /** Key of the advisory lock: the bytes of "policyfl", unlikely to collide with another application's key. */
  static final long LOCK_KEY = 0x706f6c696379666cL;

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStartupLock.class);

  private final DataSource dataSource;
  private Connection lockConnection;

  public ClusterStartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      long waitStarted = System.nanoTime();
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
        lock.setLong(1, LOCK_KEY);
        lock.execute();
      }
      lockConnection = connection;
      LOG.info("Cluster start-up lock taken after {} ms; schema, models and identity are set up by this node now",
          (System.nanoTime() - waitStarted) / 1_000_000);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the cluster start-up lock", e);
    }
  }

  /** Runs after {@link ModelDeployer} and {@code IdentitySetup} (this plugin has the lowest precedence). */
  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    release();
  }

  /** Also when start-up failed half way, so that the other nodes are not kept waiting for this JVM to exit. */
  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (lockConnection == null) {
      return;
    }
    try (Connection connection = lockConnection;
        PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, LOCK_KEY);
      unlock.execute();
      LOG.info("Cluster start-up lock released");
    } catch (SQLException e) {
      // Closing the connection ends the session, which releases the lock in any case.
      LOG.warn("Releasing the cluster start-up lock failed; the session's end releases it", e);
    } finally {
      lockConnection = null;
    }
  }
}
