package org.policyflow.shared.workingdays;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The working-day calendar in the shared database: the source of truth for every engine node
 * (policy-rules F). A year takes effect on every node the moment its confirmation commits, with no
 * file, restart or per-node reload.
 *
 * <p>Rows are only ever inserted (a correction is a new revision), so the number of rows tells whether
 * anything changed: each look-up costs one {@code COUNT(*)} and the parsed years are cached until the
 * count moves. Inside an engine command the query runs on the command's own connection and transaction
 * (Spring's transaction synchronisation), so a confirmation is visible to the steps after it at once.
 */
public class CalendarYearStore {

  static final String TABLE = "PF_WORKING_DAY_YEAR";

  private static final String COLUMNS = "YEAR_, REVISION_, NOTICE_, NOTICE_NO_, NOTICE_DATE_, NOTICE_LINK_, CONTENT_,"
      + " SOURCE_, ENTERED_BY_, CONFIRMED_BY_, CONFIRMED_AT_, CHANGES_";

  private record Cache(long rows, Map<Integer, ConfirmedYear> latest, Map<Integer, YearArrangement> arrangements) {}

  private final JdbcTemplate jdbc;
  private volatile Cache cache;

  public CalendarYearStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Creates the table where it is missing. Plain SQL that H2 and PostgreSQL both accept; the content is
   * the calendar file's JSON, a few kilobytes at most.
   */
  public void createSchema() {
    jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
        + "YEAR_ INTEGER NOT NULL, "
        + "REVISION_ INTEGER NOT NULL, "
        + "NOTICE_ VARCHAR(1000), "
        + "NOTICE_NO_ VARCHAR(100), "
        + "NOTICE_DATE_ DATE, "
        + "NOTICE_LINK_ VARCHAR(1000), "
        + "CONTENT_ VARCHAR(100000) NOT NULL, "
        + "SOURCE_ VARCHAR(1000) NOT NULL, "
        + "ENTERED_BY_ VARCHAR(255), "
        + "CONFIRMED_BY_ VARCHAR(255), "
        + "CONFIRMED_AT_ TIMESTAMP NOT NULL, "
        + "CHANGES_ VARCHAR(4000), "
        + "PRIMARY KEY (YEAR_, REVISION_))");
  }

  /** The version in force of every year the calendar holds. */
  public Map<Integer, ConfirmedYear> latest() {
    return fresh().latest();
  }

  /** The arrangements in force, parsed once per change of the table. */
  public Map<Integer, YearArrangement> arrangements() {
    return fresh().arrangements();
  }

  private Cache fresh() {
    long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
    Cache current = cache;
    if (current == null || current.rows() != rows) {
      Map<Integer, ConfirmedYear> latest = new TreeMap<>();
      for (ConfirmedYear year : jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY YEAR_, REVISION_",
          CalendarYearStore::row)) {
        latest.put(year.year(), year);
      }
      Map<Integer, YearArrangement> arrangements = new TreeMap<>();
      latest.forEach((number, year) -> arrangements.put(number, year.arrangement()));
      current = new Cache(rows, Collections.unmodifiableMap(latest), Collections.unmodifiableMap(arrangements));
      cache = current;
    }
    return current;
  }

  public Optional<ConfirmedYear> latest(int year) {
    return Optional.ofNullable(latest().get(year));
  }

  /** Every version of a year, oldest first. */
  public List<ConfirmedYear> revisions(int year) {
    return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE YEAR_ = ? ORDER BY REVISION_",
        CalendarYearStore::row, year);
  }

  /**
   * Adds a version of a year and returns it with its revision number. Two confirmations of the same year
   * at the same moment cannot both take the same revision: the primary key refuses the second, whose
   * confirming officer is asked to check again (the task stays open).
   */
  public ConfirmedYear add(ConfirmedYear year) {
    Integer last = jdbc.queryForObject("SELECT MAX(REVISION_) FROM " + TABLE + " WHERE YEAR_ = ?", Integer.class,
        year.year());
    ConfirmedYear numbered = new ConfirmedYear(year.year(), last == null ? 1 : last + 1, year.notice(),
        year.noticeNumber(), year.noticeDate(), year.noticeLink(), year.content(), year.source(), year.enteredBy(),
        year.confirmedBy(), year.confirmedAt(), year.changes());
    numbered.arrangement();
    try {
      jdbc.update("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          numbered.year(), numbered.revision(), numbered.notice(), numbered.noticeNumber(),
          numbered.noticeDate() == null ? null : java.sql.Date.valueOf(numbered.noticeDate()), numbered.noticeLink(),
          numbered.content(), numbered.source(), numbered.enteredBy(), numbered.confirmedBy(),
          Timestamp.from(numbered.confirmedAt()), numbered.changes());
    } catch (DuplicateKeyException e) {
      throw new PolicyRuleException(CalendarUpkeep.FOUR_EYES, "calendarDecision",
          year.year() + " 年的另一版本刚刚由他人确认生效，请刷新后重新核对",
          "Another version of " + year.year() + " was confirmed a moment ago: reload and check again");
    }
    return numbered;
  }

  /** Forgets the cached years, for callers that changed the table by other means (tests, an operator's SQL). */
  public void invalidate() {
    cache = null;
  }

  private static ConfirmedYear row(ResultSet rs, int rowNum) throws SQLException {
    java.sql.Date noticeDate = rs.getDate("NOTICE_DATE_");
    return new ConfirmedYear(rs.getInt("YEAR_"), rs.getInt("REVISION_"), rs.getString("NOTICE_"),
        rs.getString("NOTICE_NO_"), noticeDate == null ? null : noticeDate.toLocalDate(), rs.getString("NOTICE_LINK_"),
        rs.getString("CONTENT_"), rs.getString("SOURCE_"), rs.getString("ENTERED_BY_"), rs.getString("CONFIRMED_BY_"),
        rs.getTimestamp("CONFIRMED_AT_").toInstant(), rs.getString("CHANGES_"));
  }
}
