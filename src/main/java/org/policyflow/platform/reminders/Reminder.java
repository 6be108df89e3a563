package org.policyflow.platform.reminders;

import java.util.Date;
import java.util.List;

/**
 * One reminder as it was sent (or, with mail off, recorded only).
 *
 * @param kind due soon or overdue
 * @param recipients e-mail addresses of the assignee or of the candidates
 * @param mailed whether an e-mail actually went out
 */
public record Reminder(String taskId, String taskName, Kind kind, Date dueDate, List<String> recipients,
    boolean mailed, String subject, String text) {

  /** The two moments a person is told about a task. */
  public enum Kind {
    DUE_SOON("即将到期", "due soon"),
    OVERDUE("已逾期", "overdue");

    private final String chinese;
    private final String english;

    Kind(String chinese, String english) {
      this.chinese = chinese;
      this.english = english;
    }

    public String chinese() {
      return chinese;
    }

    public String english() {
      return english;
    }
  }
}
