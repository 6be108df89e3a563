package org.policyflow.shared.dossier;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The documents of every case in the shared database, so that each cluster node serves the file any other
 * node received. Rows are only inserted: a resubmission is the next version of its type, earlier versions
 * stay. Inside an engine command the queries run on the command's own connection and transaction (Spring's
 * transaction synchronisation), so a completion sees a document uploaded in the same transaction.
 */
public class DocumentStore {

  static final String TABLE = "PF_DOSSIER_DOCUMENT";
  private static final String COLUMNS = "ID_, CASE_ID_, TYPE_, VERSION_, FILE_NAME_, CONTENT_TYPE_, SIZE_, SHA256_,"
      + " UPLOADED_BY_, UPLOADED_AT_, TASK_ID_, STAGE_";

  private final JdbcTemplate jdbc;

  public DocumentStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Creates the table where it is missing. The content column is the one binary type each database
   * stores files of many megabytes in: BYTEA on PostgreSQL, BLOB on H2 (whose VARBINARY stops at 1 MB).
   */
  public void createSchema() {
    String binary = jdbc.execute((Connection connection) ->
        connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres") ? "BYTEA" : "BLOB");
    jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
        + "ID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
        + "CASE_ID_ VARCHAR(64) NOT NULL, "
        + "TYPE_ VARCHAR(100) NOT NULL, "
        + "VERSION_ INTEGER NOT NULL, "
        + "FILE_NAME_ VARCHAR(1000) NOT NULL, "
        + "CONTENT_TYPE_ VARCHAR(255), "
        + "SIZE_ BIGINT NOT NULL, "
        + "SHA256_ VARCHAR(64) NOT NULL, "
        + "UPLOADED_BY_ VARCHAR(255) NOT NULL, "
        + "UPLOADED_AT_ TIMESTAMP NOT NULL, "
        + "TASK_ID_ VARCHAR(64), "
        + "STAGE_ VARCHAR(1000), "
        + "CONTENT_ " + binary + " NOT NULL, "
        + "CONSTRAINT PF_DOSSIER_DOCUMENT_VERSION UNIQUE (CASE_ID_, TYPE_, VERSION_))");
    jdbc.execute("CREATE INDEX IF NOT EXISTS PF_DOSSIER_DOCUMENT_CASE ON " + TABLE + " (CASE_ID_)");
  }

  /**
   * Stores the next version of a document type of a case. Two uploads of one type at the same moment
   * cannot take the same number (the unique constraint refuses the second), so the loser simply takes
   * the next one: both files are kept, in the order they committed.
   */
  public DossierDocument add(String caseId, String type, String fileName, String contentType, byte[] content,
      String sha256, String uploadedBy, java.time.Instant uploadedAt, String taskId, String stage) {
    for (int attempt = 0; ; attempt++) {
      Integer last = jdbc.queryForObject("SELECT MAX(VERSION_) FROM " + TABLE + " WHERE CASE_ID_ = ? AND TYPE_ = ?",
          Integer.class, caseId, type);
      DossierDocument document = new DossierDocument(UUID.randomUUID().toString(), caseId, type,
          last == null ? 1 : last + 1, fileName, contentType, content.length, sha256, uploadedBy, uploadedAt, taskId,
          stage);
      try {
        jdbc.update("INSERT INTO " + TABLE + " (" + COLUMNS + ", CONTENT_) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            document.id(), caseId, type, document.version(), fileName, contentType, document.size(), sha256,
            uploadedBy, Timestamp.from(uploadedAt), taskId, stage, content);
        return document;
      } catch (DuplicateKeyException taken) {
        if (attempt >= 5) {
          throw taken;
        }
      }
    }
  }

  /** Every version of every document of a case, by type and then version. */
  /**
   * Removes the documents (rows and contents) of every case whose process instance is no longer in the
   * engine's history; called by the history cleanup ({@link DossierHistoryCleanup}).
   */
  public int removeDocumentsOfRemovedCases() {
    return jdbc.update("DELETE FROM " + TABLE + " WHERE NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST P WHERE P.ID_ = "
        + TABLE + ".CASE_ID_)");
  }

  public List<DossierDocument> list(String caseId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE CASE_ID_ = ? ORDER BY TYPE_, VERSION_",
        DocumentStore::row, caseId);
  }

  public Optional<DossierDocument> find(String caseId, String documentId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE CASE_ID_ = ? AND ID_ = ?", DocumentStore::row,
        caseId, documentId).stream().findFirst();
  }

  public byte[] content(String documentId) {
    return jdbc.queryForObject("SELECT CONTENT_ FROM " + TABLE + " WHERE ID_ = ?",
        (rs, n) -> rs.getBytes(1), documentId);
  }

  private static DossierDocument row(ResultSet rs, int rowNum) throws SQLException {
    return new DossierDocument(rs.getString("ID_"), rs.getString("CASE_ID_"), rs.getString("TYPE_"),
        rs.getInt("VERSION_"), rs.getString("FILE_NAME_"), rs.getString("CONTENT_TYPE_"), rs.getLong("SIZE_"),
        rs.getString("SHA256_"), rs.getString("UPLOADED_BY_"), rs.getTimestamp("UPLOADED_AT_").toInstant(),
        rs.getString("TASK_ID_"), rs.getString("STAGE_"));
  }
}
