package org.policyflow.partner;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The partner programme's configurable numbers and lists (partner.yaml). */
@ConfigurationProperties("policyflow.partner")
public record PartnerProperties(
    int noticeWorkingDays,
    int targetPartners,
    LocalDate targetPeriodStart,
    LocalDate targetPeriodEnd,
    int cooperationYears,
    Period reportReminderLead,
    int recommendationWorkingDays,
    int recordLookbackYears,
    int defaultLocalityQuota,
    List<String> priorityFields,
    List<String> noticeChannels) {

  public PartnerProperties {
    if (noticeChannels == null || noticeChannels.isEmpty()) {
      throw new IllegalArgumentException("[TZP-N2] policyflow.partner.notice-channels: 至少配置一个公示发布渠道 / "
          + "configure at least one channel the proposed list is published in");
    }
    noticeChannels = List.copyOf(noticeChannels);
  }

  /** TZP-E7: one of the 6 key or 3 future industries. */
  public boolean isPriorityField(String field) {
    return field != null && priorityFields.contains(field.trim());
  }
}
