package org.policyflow.shared.notice;

import static org.policyflow.shared.notice.NoticeVariables.*;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * 发布公示 (TZP-N1): the list as published and the instant the notice ends (24:00 of the N-th working day);
 * TZP-N2: where, when and by whom it was published ({@code noticePublication}), given by the calling
 * programme — a notice without a place it is published in is not a notice, so it stops here with an
 * incident for the process owner rather than starting a period nobody can see.
 */
@Component("noticePublication")
public class NoticePublication implements JavaDelegate {

  private final NoticeService notices;

  public NoticePublication(NoticeService notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object days = execution.getVariable(NOTICE_DAYS);
    if (!(days instanceof Number number)) {
      throw new PolicyRuleException(NoticeService.RULE, NOTICE_DAYS, "缺少公示期工作日数（noticeDays）。",
          "The number of notice working days (noticeDays) is missing.");
    }
    String channel = text(execution.getVariable(CHANNEL));
    String address = text(execution.getVariable(ADDRESS));
    if (channel == null || address == null) {
      throw new PolicyRuleException("TZP-N2", channel == null ? CHANNEL : ADDRESS,
          "未说明公示发布渠道和网址（或张贴地点），无法发布公示。",
          "The notice has no channel and address (or notice board) to be published in.");
    }
    Date now = ClockUtil.getCurrentTime();
    Map<String, Object> publication = new LinkedHashMap<>();
    publication.put("channel", channel);
    publication.put("address", address);
    // Kept as text in China time: the record is read by people (audit history, dossier), not by timers.
    publication.put("publishedAt", OffsetDateTime.ofInstant(now.toInstant(), WorkingDayCalendar.ZONE).toString());
    publication.put("publishedBy", execution.getVariable(ORDERED_BY));
    execution.setVariable(PUBLICATION, publication);
    execution.setVariable(STARTED_AT, now);
    execution.setVariable(ENDS_AT, notices.noticeEnd(now, number.intValue()));
    execution.setVariable(CURRENT_LIST, list(execution, CANDIDATES));
    execution.setVariable(REMOVED, new ArrayList<>());
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text.trim() : null;
  }
}
