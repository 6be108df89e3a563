package org.policyflow.partner.district;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The periodic routines of 000 §七 that district-partner-support runs the same way: one record per period,
 * a period without one flagged. Each names its rule, the task that records it and the one that flags a missed
 * period, the loop variable of its periods, the date field, what the record must say and where it is kept.
 */
enum DistrictRoutine {

  /** 000 §七(二) 定期走访创新伙伴，听取…意见和建议. */
  VISIT("DST-V1", "visit", "走访创新伙伴", "Task_RecordVisit", "Task_RecordMissedVisit", "visitPeriod", "visitDate",
      "visits", fields(
          "visitedPartners", "走访的创新伙伴", "partners visited",
          "accompanyingLocalities", "会同的属地部门", "localities that took part",
          "partnerOpinions", "创新伙伴的意见和建议", "the partners' opinions and advice")),
  /** 000 §七(二) 定期举办创新伙伴交流会，跟踪科技创新动态和诉求，方便…信息共享. */
  MEETING("DST-M1", "meeting", "创新伙伴交流会", "Task_RecordMeeting", "Task_RecordMissedMeeting", "meetingPeriod",
      "meetingDate", "meetings", fields(
          "meetingPlace", "交流会地点", "the place",
          "participants", "参会创新伙伴", "participating partners",
          "innovationTrends", "跟踪的科技创新动态和诉求", "innovation trends and requests followed",
          "sharedInformation", "交流共享的信息", "information shared")),
  /**
   * 000 §七(三) 多形式多渠道宣传通州区创新伙伴计划…及时报道入选创新伙伴典型案例: the channels used (a list, at least
   * one), what was published and where it can be found; the typical cases reported are kept when there were any.
   */
  PROMOTION("DST-P1", "promotion", "宣传推介", "Task_RecordPromotion", "Task_RecordMissedPromotion", "promotionPeriod",
      "promotionDate", "promotions", fields(
          "promotionContent", "宣传推介内容", "what was published or presented",
          "publicationReference", "发布载体或链接", "where it was published (medium, link or document number)"));

  final String rule;
  final String key;
  final String label;
  final String recordActivity;
  final String missedActivity;
  final String periodVariable;
  final String dateField;
  final String listVariable;
  /** Required text fields → {Chinese label, English label}. */
  final Map<String, String[]> requiredTexts;

  DistrictRoutine(String rule, String key, String label, String recordActivity, String missedActivity,
      String periodVariable, String dateField, String listVariable, Map<String, String[]> requiredTexts) {
    this.rule = rule;
    this.key = key;
    this.label = label;
    this.recordActivity = recordActivity;
    this.missedActivity = missedActivity;
    this.periodVariable = periodVariable;
    this.dateField = dateField;
    this.listVariable = listVariable;
    this.requiredTexts = requiredTexts;
  }

  int perYear(DistrictSchedule schedule) {
    return switch (this) {
      case VISIT -> schedule.visitsPerYear();
      case MEETING -> schedule.meetingsPerYear();
      case PROMOTION -> schedule.promotionsPerYear();
    };
  }

  static Optional<DistrictRoutine> recordedAt(String activityId) {
    return Arrays.stream(values()).filter(r -> r.recordActivity.equals(activityId)).findFirst();
  }

  static Optional<DistrictRoutine> missedAt(String activityId) {
    return Arrays.stream(values()).filter(r -> r.missedActivity.equals(activityId)).findFirst();
  }

  private static Map<String, String[]> fields(String... triples) {
    Map<String, String[]> fields = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) {
      fields.put(triples[i], new String[] {triples[i + 1], triples[i + 2]});
    }
    return fields;
  }
}
