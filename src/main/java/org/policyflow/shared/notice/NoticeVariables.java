package org.policyflow.shared.notice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the variables of {@code public-notice} and typed access to its JSON lists. */
final class NoticeVariables {

  static final String NOTICE_DAYS = "noticeDays";
  static final String CANDIDATES = "candidates";
  static final String CURRENT_LIST = "currentList";
  static final String FINAL_LIST = "finalList";
  static final String REMOVED = "removedCandidates";
  static final String STARTED_AT = "noticeStartedAt";
  static final String ENDS_AT = "noticeEndsAt";
  /** TZP-N2: given by the calling programme — the channel, the page address or notice board, the officer. */
  static final String CHANNEL = "noticeChannel";
  static final String ADDRESS = "noticeAddress";
  static final String ORDERED_BY = "noticeOrderedBy";
  /** TZP-N2: {channel, address, publishedAt, publishedBy}. */
  static final String PUBLICATION = "noticePublication";
  static final String FINALISED_AT = "noticeFinalisedAt";

  /** Per objection; local to the objection's event sub-process so concurrent objections stay apart. */
  static final String OBJECTION_CANDIDATE_ID = "objectionCandidateId";
  static final String OBJECTION_REASON = "objectionReason";
  static final String OBJECTOR_NAME = "objectorName";
  static final String OBJECTOR_CONTACT = "objectorContact";
  static final String OBJECTION_ORGANISATION = "objectionOrganisationName";
  static final String OBJECTION_CREDIT_CODE = "objectionCreditCode";
  static final String OBJECTION_RECEIVED_AT = "objectionReceivedAt";
  static final String OBJECTION_DECISION = "objectionDecision";
  static final String OBJECTION_FINDING = "objectionFinding";

  static final List<String> OBJECTION_INPUTS =
      List.of(OBJECTION_CANDIDATE_ID, OBJECTION_REASON, OBJECTOR_NAME, OBJECTOR_CONTACT);

  static final String UPHELD = "upheld";
  static final String NOT_UPHELD = "notUpheld";

  private NoticeVariables() {}

  /** A list variable as mutable maps, whatever the JSON deserialiser produced. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    List<Map<String, Object>> copy = new ArrayList<>();
    if (value instanceof List<?> items) {
      for (Object item : items) {
        copy.add(new LinkedHashMap<>((Map<String, Object>) item));
      }
    }
    return copy;
  }

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString().trim();
  }
}
