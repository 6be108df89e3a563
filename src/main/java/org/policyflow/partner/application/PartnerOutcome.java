package org.policyflow.partner.application;

/** How a partner application ends; the value is kept in variable {@code outcome}. */
public enum PartnerOutcome {
  MATERIALS_MISSING("materials-missing", "逾期未提交申报材料"),
  NOT_ELIGIBLE("not-eligible", "不符合入选条件"),
  NOT_RECOMMENDED("not-recommended", "属地未推荐"),
  NOT_SELECTED("not-selected", "未入选"),
  REMOVED_AFTER_OBJECTION("removed-after-objection", "公示异议成立，取消入选"),
  SELECTED("selected", "入选创新伙伴");

  private final String value;
  private final String label;

  PartnerOutcome(String value, String label) {
    this.value = value;
    this.label = label;
  }

  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  public static PartnerOutcome of(String value) {
    for (PartnerOutcome outcome : values()) {
      if (outcome.value.equals(value)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("Unknown outcome " + value);
  }
}
