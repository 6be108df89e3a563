package org.policyflow.shared.workingdays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates one year's calendar file. An administrator types these files by hand from the
 * published notice, so every rule the notice always satisfies is checked and a mistake stops the
 * load with the file and the offending date, instead of shifting deadlines unnoticed.
 */
public final class CalendarFileReader {

  /** The file as an administrator writes it; dates stay strings so a typo can be reported verbatim. */
  record CalendarFile(Integer year, String notice, List<Holiday> holidays, List<String> workingWeekends) {}

  record Holiday(String name, String from, String to) {}

  // Unknown keys fail: a misspelt "workingWeekends" would otherwise drop every make-up day silently.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CalendarFileReader() {}

  public static YearArrangement read(String source, String fileName, byte[] content) {
    CalendarFile file = parse(source, content);
    if (file.year() == null) {
      throw CalendarDataException.file(source, "缺少年份 \"year\"。", "the field \"year\" is missing.");
    }
    int year = file.year();
    if (!fileName.equals(year + ".json")) {
      throw CalendarDataException.file(source, "文件中的年份为 " + year + "，文件名应为 " + year + ".json。",
          "it declares year " + year + ", so it must be named " + year + ".json.");
    }
    Set<LocalDate> daysOff = daysOff(source, year, file.holidays() == null ? List.of() : file.holidays());
    Set<LocalDate> workingWeekends = new HashSet<>();
    for (String text : file.workingWeekends() == null ? List.<String>of() : file.workingWeekends()) {
      LocalDate date = date(source, year, text);
      if (!YearArrangement.isWeekend(date)) {
        throw CalendarDataException.file(source, "调休上班日 " + date + " 不是周六或周日。",
            "make-up working day " + date + " is not a Saturday or Sunday.");
      }
      if (daysOff.contains(date)) {
        throw CalendarDataException.file(source, date + " 既是放假日又是调休上班日。",
            date + " is both a day off and a make-up working day.");
      }
      workingWeekends.add(date);
    }
    return new YearArrangement(year, file.notice(), source, year + "年（" + source + "）", daysOff, workingWeekends);
  }

  private static CalendarFile parse(String source, byte[] content) {
    try {
      return JSON.readValue(content, CalendarFile.class);
    } catch (JsonProcessingException e) {
      throw CalendarDataException.file(source, "不是有效的日历文件（" + e.getOriginalMessage() + "）。",
          "not a valid calendar file (" + e.getOriginalMessage() + ").", e);
    } catch (IOException e) {
      throw CalendarDataException.file(source, "无法读取。", "cannot be read.", e);
    }
  }

  private static Set<LocalDate> daysOff(String source, int year, List<Holiday> holidays) {
    Set<LocalDate> daysOff = new HashSet<>();
    for (Holiday holiday : holidays) {
      LocalDate from = date(source, year, holiday.from());
      LocalDate to = holiday.to() == null ? from : date(source, year, holiday.to());
      if (to.isBefore(from)) {
        throw CalendarDataException.file(source,
            "假期“" + holiday.name() + "”的结束日 " + to + " 早于开始日 " + from + "。",
            "holiday '" + holiday.name() + "' ends on " + to + ", before it starts on " + from + ".");
      }
      from.datesUntil(to.plusDays(1)).forEach(daysOff::add);
    }
    return daysOff;
  }

  private static LocalDate date(String source, int year, String text) {
    LocalDate date;
    try {
      date = LocalDate.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw CalendarDataException.file(source, "日期“" + text + "”格式不正确，应为 YYYY-MM-DD。",
          "date '" + text + "' is not of the form YYYY-MM-DD.", e);
    }
    if (date.getYear() != year) {
      throw CalendarDataException.file(source, "日期 " + date + " 不属于 " + year + " 年。",
          "date " + date + " does not belong to year " + year + ".");
    }
    return date;
  }
}
