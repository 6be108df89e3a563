package org.policyflow.shared.workingdays;

/**
 * The calendar data cannot be loaded: a file breaks a rule of the official arrangement, or the
 * external directory is unusable. The message names the file (and the date) in Chinese and English.
 */
public class CalendarDataException extends RuntimeException {

  private CalendarDataException(String message, Throwable cause) {
    super(message, cause);
  }

  static CalendarDataException file(String source, String chinese, String english, Throwable cause) {
    return new CalendarDataException(
        "工作日历文件 " + source + " 有误：" + chinese + " Calendar file " + source + " is invalid: " + english, cause);
  }

  static CalendarDataException file(String source, String chinese, String english) {
    return file(source, chinese, english, null);
  }

  static CalendarDataException directory(Object directory, String chinese, String english, Throwable cause) {
    return new CalendarDataException(
        "工作日历目录 " + directory + " " + chinese + " Calendar directory " + directory + " " + english, cause);
  }
}
