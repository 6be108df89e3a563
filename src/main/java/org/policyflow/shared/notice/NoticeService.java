package org.policyflow.shared.notice;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.policyflow.shared.rules.MessageRuleException;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Service;

/**
 * The rules of a public notice (公示, TZP-N1) without any engine type: when it ends, who is on the list,
 * whether an objection can be accepted, and how an upheld objection changes the list. The delegates of
 * {@code public-notice} and the portal controller both use it, so the engine route and the portal route
 * refuse the same objections with the same words.
 */
@Service
public class NoticeService {

  public static final String RULE = "TZP-N1";
  public static final String PROCESS_KEY = "public-notice";
  public static final String MESSAGE = "NoticeObjection";

  public static final String CANDIDATE_ID = "candidateId";
  public static final String ORGANISATION_NAME = "organisationName";
  public static final String OBJECTION_REASON = "objectionReason";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final WorkingDayCalendar calendar;

  public NoticeService(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  /** 24:00 China Standard Time of the {@code days}-th working day after the day of publication. */
  public Date noticeEnd(Date publishedAt, int days) {
    if (days <= 0) {
      throw new PolicyRuleException(RULE, "noticeDays", "公示期须至少为1个工作日，收到 " + days + "。",
          "The notice period must be at least one working day, got " + days + ".");
    }
    return calendar.periodEnd(publishedAt, days);
  }

  /** The candidate with this id on the list, if it is there. */
  public Optional<Map<String, Object>> find(List<Map<String, Object>> list, String candidateId) {
    if (list == null || candidateId == null) {
      return Optional.empty();
    }
    return list.stream().filter(c -> candidateId.equals(String.valueOf(c.get(CANDIDATE_ID)))).findFirst();
  }

  /** The last day of the notice (the day before the instant it ends), as people read it: 2026-10-13. */
  public String lastDay(Date endsAt) {
    return endsAt.toInstant().atZone(WorkingDayCalendar.ZONE).minusDays(1).toLocalDate().format(DAY);
  }

  public String endedMessage(Date endsAt) {
    String day = lastDay(endsAt);
    return "[" + RULE + "] 公示已于 " + day + " 结束，不再受理异议。 / The public notice ended on " + day
        + "; objections are no longer accepted.";
  }

  public boolean hasEnded(Date endsAt, Date now) {
    return endsAt != null && !now.before(endsAt);
  }

  /**
   * Checks an objection against the notice as it stands; throws the refusal a person reads.
   *
   * @return the candidate the objection concerns
   */
  public Map<String, Object> acceptObjection(List<Map<String, Object>> currentList, Date endsAt, Date now,
      String candidateId, String reason) {
    if (hasEnded(endsAt, now)) {
      throw new MessageRuleException(RULE, "candidateId", "公示已于 " + lastDay(endsAt) + " 结束，不再受理异议。",
          "The public notice ended on " + lastDay(endsAt) + "; objections are no longer accepted.");
    }
    if (candidateId == null || candidateId.isBlank()) {
      throw new MessageRuleException(RULE, "candidateId", "异议须指明所针对的公示对象（candidateId）。",
          "An objection must name the candidate it concerns (candidateId).");
    }
    if (reason == null || reason.isBlank()) {
      throw new MessageRuleException(RULE, "reason", "异议须写明理由。", "An objection must state its reason.");
    }
    return find(currentList, candidateId).orElseThrow(() -> new MessageRuleException(RULE, "candidateId",
        "“" + candidateId + "”不在本次公示名单上，异议不予受理。",
        "'" + candidateId + "' is not on the list of this public notice; the objection is not accepted."));
  }

  /** The list without the candidate; unchanged when an earlier upheld objection already removed it. */
  public List<Map<String, Object>> without(List<Map<String, Object>> list, String candidateId) {
    List<Map<String, Object>> remaining = new ArrayList<>();
    for (Map<String, Object> candidate : list) {
      if (!candidateId.equals(String.valueOf(candidate.get(CANDIDATE_ID)))) {
        remaining.add(candidate);
      }
    }
    return remaining;
  }

  /** The removed candidate as it appears in {@code removedCandidates}: its data plus why it was removed. */
  public Map<String, Object> removed(Map<String, Object> candidate, String reason, String finding) {
    Map<String, Object> entry = new LinkedHashMap<>(candidate);
    entry.put(OBJECTION_REASON, reason);
    entry.put("objectionFinding", finding);
    return entry;
  }
}
