package org.policyflow.shared.workingdays;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One confirmed version of a year's holiday arrangement as the database keeps it: what the office entered
 * (in the calendar file format), from which notice, who entered and who confirmed it, and what it changed
 * against the version before. Versions are only ever added; the highest revision of a year is in force.
 *
 * @param source where it came from: {@code process:<instance id>}, a shipped or an external file
 * @param changes what this version changed against the one before, in words; {@code null} for a first version
 */
public record ConfirmedYear(int year, int revision, String notice, String noticeNumber, LocalDate noticeDate,
    String noticeLink, String content, String source, String enteredBy, String confirmedBy, Instant confirmedAt,
    String changes) {

  /** "2027年第1版（国办发明电〔2026〕7号）": how deadlines name the calendar they were computed with. */
  public String versionLabel() {
    String basis = noticeNumber != null && !noticeNumber.isBlank() ? noticeNumber
        : source.startsWith("classpath:") ? "随系统发布" : source.startsWith("process:") ? "流程录入" : "文件导入";
    return year + "年第" + revision + "版（" + basis + "）";
  }

  /** The arrangement, validated by the same rules as a calendar file. */
  public YearArrangement arrangement() {
    return CalendarFileReader.read("数据库记录 " + year + "年第" + revision + "版", year + ".json",
        content.getBytes(StandardCharsets.UTF_8)).withVersion(versionLabel());
  }
}
