package org.policyflow.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.policyflow.audit.InstanceSearch.Criteria;
import org.policyflow.audit.InstanceSearch.InstanceRow;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only audit API behind the Cockpit audit plugins: history search and CSV export, the history of
 * one instance and its diagram, the programme targets, and deadlines. GET only; the caller's engine
 * authorizations decide what they see (see AuditCaller and AuditSessionAuthenticationProvider).
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

  private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AuditCaller caller;
  private final InstanceSearch search;
  private final InstanceHistory history;
  private final TargetBoard targets;
  private final Deadlines deadlines;

  public AuditController(AuditCaller caller, InstanceSearch search, InstanceHistory history, TargetBoard targets,
      Deadlines deadlines) {
    this.caller = caller;
    this.search = search;
    this.history = history;
    this.targets = targets;
    this.deadlines = deadlines;
  }

  /** Processes the caller may audit (key → name), for the search filter. */
  @GetMapping("/processes")
  public Map<String, String> processes() {
    return caller.readableProcesses();
  }

  @GetMapping("/instances")
  public InstanceSearch.Page instances(@RequestParam(required = false) String processKey,
      @RequestParam(required = false) String businessKey, @RequestParam(required = false) String party,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "0") int firstResult, @RequestParam(defaultValue = "20") int maxResults) {
    return search.page(new Criteria(processKey, businessKey, party, state, from, to), firstResult, maxResults);
  }

  /**
   * The whole search result as CSV (UTF-8 with byte order mark, so that spreadsheet programs read Chinese),
   * written page by page as it is read: an export of every instance of ten years keeps one page in memory.
   * Written on the request's own thread, where the caller's engine authentication is set.
   */
  @GetMapping(value = "/instances.csv", produces = "text/csv")
  public void export(@RequestParam(required = false) String processKey,
      @RequestParam(required = false) String businessKey, @RequestParam(required = false) String party,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      HttpServletResponse response) throws IOException {
    Criteria criteria = new Criteria(processKey, businessKey, party, state, from, to);
    response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("流程历史-" + LocalDate.now(InstanceSearch.ZONE) + ".csv", StandardCharsets.UTF_8).build().toString());
    Writer csv = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
    csv.write("\uFEFF");
    csv.write(line(List.of("流程实例ID", "流程", "流程标识", "版本", "业务标识", "申报单位", "统一社会信用代码", "状态",
        "发起人", "发起人账号", "开始时间", "结束时间", "持续时间", "上级流程实例ID")));
    // A refusal (403, or 400 for an unknown state) is thrown by the first query, before anything has left
    // the buffer, so the status can still change.
    search.forEach(criteria, EXPORT_PAGE, rows -> {
      try {
        for (InstanceRow row : rows) {
          csv.write(line(java.util.Arrays.asList(row.id(), row.processName(), row.processKey(),
              row.version() == null ? "" : row.version().toString(), row.businessKey(), row.organisationName(),
              row.creditCode(), row.stateLabel(), row.startUserName(), row.startUserId(), time(row.startTime()),
              time(row.endTime()), duration(row.durationMs()), row.superProcessInstanceId())));
        }
        csv.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    csv.flush();
  }

  /** Rows read and written per step of the export. */
  static final int EXPORT_PAGE = 500;

  @GetMapping("/instances/{id}")
  public InstanceHistory.History instance(@PathVariable String id) {
    return history.history(id);
  }

  @GetMapping(value = "/instances/{id}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
  public String diagram(@PathVariable String id) {
    return history.diagram(id);
  }

  @GetMapping("/targets")
  public TargetBoard.Board targets() {
    return targets.board();
  }

  @GetMapping("/deadlines")
  public Deadlines.Overview deadlines(@RequestParam(defaultValue = "30") int days) {
    return deadlines.overview(Math.max(1, Math.min(days, 366)));
  }

  private static String line(List<String> cells) {
    return cells.stream().map(AuditController::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  /**
   * RFC 4180 quoting, and no cell a spreadsheet reads as a formula (OWASP "CSV injection"): a cell whose
   * first character other than white space is a formula trigger (= + - @, their full-width forms ＝ ＋ －
   * ＠, or a tab / carriage return / line feed, which some spreadsheets strip before evaluating) gets a
   * leading apostrophe, which spreadsheets show as text and do not evaluate.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = startsLikeFormula(value) ? "'" + value : value;
    return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private static final String FORMULA_TRIGGERS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\t\r\n";

  static boolean startsLikeFormula(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (FORMULA_TRIGGERS.indexOf(c) >= 0) {
        return true;
      }
      // Leading blanks (also the full-width space U+3000 and NBSP) are skipped by spreadsheets.
      if (c != ' ' && c != '\u3000' && c != '\u00A0') {
        return false;
      }
    }
    return false;
  }

  private static String time(Date date) {
    return date == null ? "" : CSV_TIME.format(date.toInstant().atZone(InstanceSearch.ZONE));
  }

  private static String duration(Long millis) {
    if (millis == null) {
      return "";
    }
    Duration d = Duration.ofMillis(millis);
    return d.toDays() > 0 ? d.toDays() + "天" + d.toHoursPart() + "小时" : d.toHoursPart() + "小时" + d.toMinutesPart() + "分";
  }
}
