package org.policyflow.shared.experts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Expert panel settings (experts.yaml). EXP-1: an even panel size could tie, so start-up fails on one.
 */
@ConfigurationProperties("policyflow.experts")
public record ExpertProperties(
    int panelSize,
    int maxScore,
    int reviewWorkingDays,
    int reminderLeadWorkingDays,
    String poolGroup) {

  public ExpertProperties {
    if (panelSize < 1 || panelSize % 2 == 0) {
      throw new IllegalArgumentException("[EXP-1] policyflow.experts.panel-size 须为正奇数，当前为 " + panelSize
          + " / The expert panel size must be a positive odd number, not " + panelSize);
    }
    if (reviewWorkingDays < 1 || reminderLeadWorkingDays < 0 || reminderLeadWorkingDays >= reviewWorkingDays) {
      throw new IllegalArgumentException("policyflow.experts: 提醒提前量须小于评审期限 / reminder-lead-working-days ("
          + reminderLeadWorkingDays + ") must be below review-working-days (" + reviewWorkingDays + ")");
    }
    if (poolGroup == null || poolGroup.isBlank()) {
      poolGroup = "experts";
    }
  }

  /** Working days after the task is created at which the reminder fires. */
  public int reminderWorkingDays() {
    return reviewWorkingDays - reminderLeadWorkingDays;
  }
}
