package org.policyflow.platform.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the engine's MyBatis mappings (about 90 mapping files, several thousand statements) on a second
 * thread while Spring is still creating the application context.
 *
 * <p>Why: that read is the largest single step of a start (about 4 s of 17 on the 2-core machine, measured
 * with Java Flight Recorder; docs/benchmark.md, Start-up). The engine does it on the main thread only when
 * it builds itself, after the whole context before it; on a machine with a second core it can be done
 * beside that. The result is the very object the engine would build: the same mapping file, read by the
 * same MyBatis builder with the same properties ({@link ProcessEngineConfigurationImpl#initSqlSessionFactoryProperties}).
 * What the engine decides later (its data source, transaction factory, statement timeout, batch mode) is
 * applied by {@link PolicyflowEngineConfiguration} when it takes the result.
 *
 * <p>Started by {@link EngineMappingPreparationStarter} for the database type that the configured JDBC
 * address names; the engine takes it only for the database type and table prefix it detects itself and
 * otherwise reads the mappings the usual way. So a wrong guess costs a second core's time, never a
 * wrong mapping.
 */
public final class EngineMappingPreparation {

  private static final Logger LOG = LoggerFactory.getLogger(EngineMappingPreparation.class);

  /** What a prepared configuration was built for; the engine uses it only for the same key. */
  public record Key(String databaseType, String tablePrefix) {
    public Key {
      Objects.requireNonNull(databaseType, "databaseType");
      tablePrefix = tablePrefix == null ? "" : tablePrefix;
    }
  }

  private record Pending(Key key, CompletableFuture<Configuration> configuration) {}

  // One application context is started at a time per JVM (tests start several one after another), so
  // one pending preparation is enough; a newer start replaces an older one nobody took.
  private static final AtomicReference<Pending> PENDING = new AtomicReference<>();

  private EngineMappingPreparation() {}

  /** Starts reading the mappings for {@code key} on a daemon thread. */
  public static void start(Key key) {
    CompletableFuture<Configuration> configuration = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        configuration.complete(read(key));
      } catch (RuntimeException | Error e) {
        configuration.completeExceptionally(e);
      }
    }, "engine-mapping-preparation");
    reader.setDaemon(true);
    PENDING.set(new Pending(key, configuration));
    reader.start();
  }

  /**
   * The configuration prepared for {@code key}, waiting for it if it is still being read; empty if none
   * was started for that key or reading failed (the engine then reads the mappings itself, and a real
   * problem with them shows there, with the engine's own message).
   */
  public static Optional<Configuration> take(Key key) {
    Pending pending = PENDING.getAndSet(null);
    if (pending == null) {
      return Optional.empty();
    }
    if (!pending.key().equals(key)) {
      LOG.info("Engine mappings were prepared for {} but the engine found {}; it reads them itself",
          pending.key(), key);
      return Optional.empty();
    }
    long waitStart = System.nanoTime();
    try {
      Configuration configuration = pending.configuration().get();
      LOG.info("Engine mappings read beside the application context ({} statements; the engine waited {} ms)",
          configuration.getMappedStatementNames().size(), (System.nanoTime() - waitStart) / 1_000_000);
      return Optional.of(configuration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      LOG.warn("Preparing the engine mappings failed; the engine reads them itself", e.getCause());
      return Optional.empty();
    }
  }

  /** Reads the mappings as the engine's own {@code initSqlSessionFactory} does, without its environment. */
  static Configuration read(Key key) {
    Properties properties = new Properties();
    properties.put("prefix", key.tablePrefix());
    ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, key.tablePrefix(),
        key.databaseType());
    try (InputStream mappings = ReflectUtil.getResourceAsStream(
            ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE);
        Reader reader = new InputStreamReader(Objects.requireNonNull(mappings, "engine mappings"),
            StandardCharsets.UTF_8)) {
      return new XMLConfigBuilder(reader, "", properties).parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
