package org.policyflow.shared.workingdays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.policyflow.shared.rules.RuleViolation;

/**
 * A year's holiday arrangement as an office types it from the State Council's notice (国务院办公厅关于
 * N年部分节假日安排的通知) into the form of the process {@code working-day-calendar}: the holidays as named
 * date ranges, one per line ("春节 2027-02-06 至 2027-02-12"), the make-up working days, and the notice.
 *
 * <p>Lines of text rather than a Camunda Forms dynamic list: in Tasklist 7.24 (form-js 1.8.7) a value
 * typed into a row of a dynamic list leaves an empty error entry behind, and Tasklist then keeps the
 * submit button disabled for good. Checked here against the rules every
 * notice satisfies ({@value #RULE}), shown back as a month view for the confirming officer, and stored in
 * the calendar file format so that files and entries are read and validated alike.
 */
public record CalendarEntry(Integer year, String noticeTitle, String noticeNumber, String noticeDate,
    String noticeLink, List<Holiday> holidays, List<String> workingWeekends) {

  /** The arrangement must be one a State Council notice can contain. */
  public static final String RULE = "WDC-V1";

  /** One line of the holidays; {@code from} is null when the line could not be read. */
  public record Holiday(String line, String name, String from, String to) {}

  private static final String DATE = "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?";
  private static final Pattern HOLIDAY_LINE = Pattern.compile(
      "^\\s*([^\\d\\s：:]+?)\\s*[：:]?\\s*" + DATE + "(?:\\s*(?:至|到|~|～|—|–|-)\\s*" + DATE + ")?\\s*[，,。；;]?\\s*$");
  private static final Pattern ONE_DATE = Pattern.compile("^" + DATE + "$");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEEKDAYS = "一二三四五六日";

  public CalendarEntry {
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workingWeekends = workingWeekends == null ? List.of() : List.copyOf(workingWeekends);
  }

  /**
   * Builds an entry from the form's text: holidays one per line ("春节 2027-02-06 至 2027-02-12", or one
   * date for a one-day holiday), make-up working days separated by spaces, commas, 、 or line breaks.
   * Dates may be written 2027-02-06, 2027/2/6 or 2027年2月6日.
   */
  public static CalendarEntry of(Integer year, String noticeTitle, String noticeNumber, String noticeDate,
      String noticeLink, String holidayLines, String makeUpDays) {
    List<Holiday> holidays = new ArrayList<>();
    for (String line : (holidayLines == null ? "" : holidayLines).split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = HOLIDAY_LINE.matcher(line);
      if (m.matches()) {
        String from = iso(m.group(2), m.group(3), m.group(4));
        String to = m.group(5) == null ? from : iso(m.group(5), m.group(6), m.group(7));
        holidays.add(new Holiday(line.trim(), m.group(1).trim(), from, to));
      } else {
        holidays.add(new Holiday(line.trim(), null, null, null));
      }
    }
    List<String> workingWeekends = new ArrayList<>();
    for (String token : (makeUpDays == null ? "" : makeUpDays).split("[\\s,，、;；]+")) {
      if (!token.isBlank()) {
        Matcher m = ONE_DATE.matcher(token.trim());
        workingWeekends.add(m.matches() ? iso(m.group(1), m.group(2), m.group(3)) : token.trim());
      }
    }
    return new CalendarEntry(year, blankToNull(noticeTitle), blankToNull(noticeNumber), blankToNull(noticeDate),
        blankToNull(noticeLink), holidays, workingWeekends);
  }

  private static String iso(String year, String month, String day) {
    return String.format("%s-%02d-%02d", year, Integer.parseInt(month), Integer.parseInt(day));
  }

  /** Everything that is wrong with the entry, each naming its field; empty when it can be confirmed. */
  public List<RuleViolation> check(LocalDate today) {
    List<RuleViolation> violations = new ArrayList<>();
    if (year == null || year < 2000 || year > 2100) {
      violations.add(violation("calendarYear", "请填写年份（2000—2100）", "Enter the year (2000-2100)"));
      return violations;
    }
    if (noticeNumber == null) {
      violations.add(violation("noticeNumber", "请填写通知文号，例如：国办发明电〔2026〕7号",
          "Enter the notice's document number, e.g. 国办发明电〔2026〕7号"));
    } else if (noticeNumber.length() > 100) {
      violations.add(violation("noticeNumber", "通知文号不超过100个字", "The document number has at most 100 characters"));
    }
    if (noticeTitle != null && noticeTitle.length() > 200) {
      violations.add(violation("noticeTitle", "通知标题不超过200个字", "The notice title has at most 200 characters"));
    }
    LocalDate published = parse(noticeDate);
    if (published == null) {
      violations.add(violation("noticeDate", "请填写通知的发布日期（YYYY-MM-DD）", "Enter the notice's date (YYYY-MM-DD)"));
    } else if (published.isAfter(today)) {
      violations.add(violation("noticeDate", "通知发布日期 " + published + " 晚于今天", "The notice's date " + published + " is in the future"));
    }
    if (noticeLink != null && (!noticeLink.matches("https?://\\S+") || noticeLink.length() > 1000)) {
      violations.add(violation("noticeLink", "通知链接应为以 http:// 或 https:// 开头的网址",
          "The link to the notice must be a web address starting with http:// or https://"));
    }
    Set<LocalDate> daysOff = new TreeSet<>();
    if (holidays.isEmpty()) {
      violations.add(violation("holidays", "请至少填写一个放假安排（每行一个节日及起止日期）",
          "Enter at least one holiday (name, first and last day)"));
    }
    for (int i = 0; i < holidays.size(); i++) {
      checkHoliday(i, holidays.get(i), daysOff, violations);
    }
    Set<LocalDate> makeUpDays = new TreeSet<>();
    for (int i = 0; i < workingWeekends.size(); i++) {
      String field = "workingWeekends";
      LocalDate day = parse(workingWeekends.get(i));
      if (day == null) {
        violations.add(violation(field, "调休上班日“" + workingWeekends.get(i) + "”不是有效日期（YYYY-MM-DD）",
            "Make-up working day '" + workingWeekends.get(i) + "' is not a date (YYYY-MM-DD)"));
      } else if (day.getYear() != year) {
        violations.add(violation(field, "调休上班日 " + day + " 不在 " + year + " 年内", "Make-up working day " + day + " is not in " + year));
      } else if (!YearArrangement.isWeekend(day)) {
        violations.add(violation(field, "调休上班日 " + day + " 不是周六或周日", "Make-up working day " + day + " is not a Saturday or Sunday"));
      } else if (daysOff.contains(day)) {
        violations.add(violation(field, day + " 既是放假日又是调休上班日", day + " is both a day off and a make-up working day"));
      } else if (!makeUpDays.add(day)) {
        violations.add(violation(field, "调休上班日 " + day + " 重复填写", "Make-up working day " + day + " is entered twice"));
      }
    }
    return violations;
  }

  private void checkHoliday(int index, Holiday holiday, Set<LocalDate> daysOff, List<RuleViolation> violations) {
    String row = "holidays";
    String label = "放假安排第" + (index + 1) + "行";
    if (holiday.from() == null) {
      violations.add(violation(row, label + "“" + holiday.line() + "”无法识别，应写作“春节 " + year + "-02-06 至 " + year
          + "-02-12”或“元旦 " + year + "-01-01”", "Holiday line " + (index + 1) + " cannot be read: write e.g. '春节 "
          + year + "-02-06 至 " + year + "-02-12'"));
      return;
    }
    if (holiday.name().length() > 20) {
      violations.add(violation(row, label + "的节日名称不超过20个字", "Holiday line " + (index + 1) + ": the name has at most 20 characters"));
    }
    LocalDate from = parse(holiday.from());
    LocalDate to = parse(holiday.to());
    if (from == null || to == null) {
      violations.add(violation(row, label + "的起止日期不是有效日期",
          "Holiday line " + (index + 1) + ": the first or last day is not a date"));
      return;
    }
    if (from.getYear() != year || to.getYear() != year) {
      violations.add(violation(row, label + "的日期应在 " + year + " 年内（跨年的假期分别录入两个年度）",
          "Holiday " + (index + 1) + ": dates must lie in " + year + " (a holiday across New Year is entered in both years)"));
      return;
    }
    if (to.isBefore(from)) {
      violations.add(violation(row, label + "的结束日 " + to + " 早于开始日 " + from,
          "Holiday " + (index + 1) + " ends on " + to + ", before it starts on " + from));
      return;
    }
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      if (!daysOff.add(day)) {
        violations.add(violation(row, label + "与其他放假安排重叠（" + day + "）",
            "Holiday " + (index + 1) + " overlaps another holiday (" + day + ")"));
        return;
      }
    }
  }

  /** The entry in the calendar file format (the same JSON an administrator's file holds). */
  public String toJson() {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("year", year);
    file.put("notice", notice());
    file.put("holidays", holidays.stream().map(h -> {
      Map<String, String> range = new LinkedHashMap<>();
      range.put("name", h.name());
      range.put("from", h.from());
      range.put("to", h.to());
      return range;
    }).toList());
    file.put("workingWeekends", workingWeekends.stream().sorted().toList());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Calendar entry cannot be written as JSON", e);
    }
  }

  /** "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）" */
  public String notice() {
    String title = noticeTitle != null ? noticeTitle : "国务院办公厅关于" + year + "年部分节假日安排的通知";
    return noticeNumber == null ? title : title + "（" + noticeNumber + "）";
  }

  /** The arrangement, validated once more by the calendar file rules. Only for a checked entry. */
  public YearArrangement arrangement() {
    return CalendarFileReader.read("录入的 " + year + " 年安排", year + ".json", toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The month view the confirming officer checks against the notice: per month the weekdays off and the
   * weekend days worked, and the number of working days; the holidays with their length. Markdown, as
   * Camunda Forms' text fields render it.
   */
  public String preview() {
    YearArrangement arrangement = arrangement();
    StringBuilder text = new StringBuilder();
    text.append("| 节日 | 放假日期 | 天数 |\n|---|---|---|\n");
    for (Holiday holiday : holidays) {
      LocalDate from = LocalDate.parse(holiday.from());
      LocalDate to = LocalDate.parse(holiday.to());
      text.append("| ").append(holiday.name()).append(" | ").append(day(from));
      if (!to.equals(from)) {
        text.append(" 至 ").append(day(to));
      }
      text.append(" | ").append(from.datesUntil(to.plusDays(1)).count()).append("天 |\n");
    }
    text.append("\n| 月份 | 放假的周一至周五 | 调休上班的周六、周日 | 当月工作日 |\n|---|---|---|---|\n");
    int total = 0;
    for (int month = 1; month <= 12; month++) {
      YearMonth yearMonth = YearMonth.of(year, month);
      List<LocalDate> weekdaysOff = new ArrayList<>();
      List<LocalDate> weekendsWorked = new ArrayList<>();
      int working = 0;
      for (int d = 1; d <= yearMonth.lengthOfMonth(); d++) {
        LocalDate date = yearMonth.atDay(d);
        boolean workingDay = arrangement.isWorkingDay(date);
        if (workingDay) {
          working++;
        }
        if (!workingDay && !YearArrangement.isWeekend(date)) {
          weekdaysOff.add(date);
        } else if (workingDay && YearArrangement.isWeekend(date)) {
          weekendsWorked.add(date);
        }
      }
      total += working;
      text.append("| ").append(month).append("月 | ").append(days(weekdaysOff)).append(" | ")
          .append(days(weekendsWorked)).append(" | ").append(working).append("天 |\n");
    }
    text.append("\n全年工作日共 ").append(total).append(" 天。");
    return text.toString();
  }

  /**
   * What this entry changes against the version in force, in words for the confirming officer and the
   * record; empty when nothing changes.
   */
  public String changesAgainst(YearArrangement current) {
    YearArrangement next = arrangement();
    List<String> parts = new ArrayList<>();
    describe(parts, "新增放假日", difference(next.daysOff(), current.daysOff()));
    describe(parts, "取消放假日", difference(current.daysOff(), next.daysOff()));
    describe(parts, "新增调休上班日", difference(next.workingWeekends(), current.workingWeekends()));
    describe(parts, "取消调休上班日", difference(current.workingWeekends(), next.workingWeekends()));
    if (current.notice() == null || !current.notice().equals(next.notice())) {
      parts.add("通知改为：" + next.notice());
    }
    return String.join("；", parts);
  }

  private static void describe(List<String> parts, String label, Set<LocalDate> days) {
    if (!days.isEmpty()) {
      parts.add(label + " " + days.stream().map(LocalDate::toString).collect(Collectors.joining("、")));
    }
  }

  private static Set<LocalDate> difference(Set<LocalDate> a, Set<LocalDate> b) {
    Set<LocalDate> result = new TreeSet<>(a);
    result.removeAll(b);
    return result;
  }

  private static String days(List<LocalDate> dates) {
    return dates.isEmpty() ? "—" : dates.stream().map(d -> d.getDayOfMonth() + "日（" + weekday(d) + "）")
        .collect(Collectors.joining("、"));
  }

  private static String day(LocalDate date) {
    return date.getMonthValue() + "月" + date.getDayOfMonth() + "日（" + weekday(date) + "）";
  }

  private static char weekday(LocalDate date) {
    return WEEKDAYS.charAt(date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
  }

  private static RuleViolation violation(String field, String zh, String en) {
    return new RuleViolation(RULE, field, zh, en);
  }

  private static LocalDate parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim();
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
