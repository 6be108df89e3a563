package org.policyflow.platform.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Every row of every table, to show that a refused call changed nothing: take one before and one after
 * and compare. Table name → sorted rows.
 */
final class DatabaseSnapshot {

  private DatabaseSnapshot() {}

  static Map<String, List<String>> of(DataSource dataSource) {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet result = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
          + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
        while (result.next()) {
          names.add(result.getString(1));
        }
      }
      for (String table : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              // LOBs by content: the driver's LOB objects print a new id on every read.
              Object value = result.getObject(i);
              if (value instanceof java.sql.Blob blob) {
                value = java.util.Arrays.hashCode(blob.getBytes(1, (int) blob.length()));
              } else if (value instanceof java.sql.Clob clob) {
                value = clob.getSubString(1, (int) clob.length());
              } else if (value instanceof byte[] bytes) {
                value = java.util.Arrays.hashCode(bytes);
              }
              row.append(value).append('|');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        tables.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return tables;
  }
}
