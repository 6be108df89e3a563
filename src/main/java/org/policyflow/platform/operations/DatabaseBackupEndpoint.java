package org.policyflow.platform.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/backup} on the management port (administrators only): an online backup of the
 * embedded H2 file database while the node keeps running. H2 lets no second process open the file, so the
 * copy has to be taken from inside the application; {@code BACKUP TO} writes a transactionally consistent
 * copy of the database file into a zip under {@code policyflow.backup.directory}. Restore: stop the node,
 * unzip into an empty directory, start the node on it (docs/operations.md). PostgreSQL is backed up with
 * its own tools (pg_dump); the endpoint says so instead of pretending.
 */
@Component
@Endpoint(id = "backup")
public class DatabaseBackupEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBackupEndpoint.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final DataSource dataSource;
  private final Path directory;
  private final ZoneId zone;

  public DatabaseBackupEndpoint(DataSource dataSource,
      @Value("${policyflow.backup.directory:./backup}") Path directory,
      @Value("${policyflow.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.dataSource = dataSource;
    this.directory = directory;
    this.zone = zone;
  }

  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> backup() {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      String url = connection.getMetaData().getURL();
      if (!"H2".equalsIgnoreCase(product) || url.startsWith("jdbc:h2:mem:")) {
        return refuse("此数据库不能在线导出，请使用数据库自带的备份工具（PostgreSQL：pg_dump）。 Online backup here is for the"
            + " H2 file database only; back up " + product + " with its own tools (PostgreSQL: pg_dump).");
      }
      Files.createDirectories(directory);
      // The wall clock, not the engine clock: a backup file is named for when it was really taken.
      Path target = directory.resolve("policyflow-" + LocalDateTime.now(zone).format(STAMP) + ".zip")
          .toAbsolutePath().normalize();
      long started = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", target.toString());
      result.put("bytes", Files.size(target));
      result.put("millis", (System.nanoTime() - started) / 1_000_000);
      LOG.info("Database backup written to {} ({} bytes)", target, result.get("bytes"));
      return new WebEndpointResponse<>(result, WebEndpointResponse.STATUS_OK);
    } catch (SQLException e) {
      LOG.error("Database backup failed", e);
      return new WebEndpointResponse<>(Map.of("message", "备份失败。 Backup failed: " + e.getMessage()),
          WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebEndpointResponse<Map<String, Object>> refuse(String message) {
    return new WebEndpointResponse<>(Map.of("message", message), 409);
  }
}
