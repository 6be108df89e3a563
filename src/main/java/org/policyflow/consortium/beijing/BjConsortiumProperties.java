package org.policyflow.consortium.beijing;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Beijing consortium programme's lists and numbers (bj-consortium.yaml). */
@ConfigurationProperties("policyflow.bj-consortium")
public record BjConsortiumProperties(
    List<String> priorityFields,
    List<String> formationModes,
    List<String> agreementMechanisms,
    int targetConsortia,
    int targetYear,
    List<Milestone> milestones,
    int integrityLookbackYears) {

  /** One stage of milestone funding (BJC-F1) and its share of the total support. */
  public record Milestone(String name, int sharePercent) {}

  public BjConsortiumProperties {
    if (milestones == null || milestones.isEmpty()
        || milestones.stream().mapToInt(Milestone::sharePercent).sum() != 100) {
      throw new IllegalArgumentException("[BJC-F1] policyflow.bj-consortium.milestones: 各阶段拨付比例之和须为100 / "
          + "the milestone shares must add up to 100 percent");
    }
    if (integrityLookbackYears < 1) {
      throw new IllegalArgumentException("[BJC-I2] policyflow.bj-consortium.integrity-lookback-years: 须至少为1年 / "
          + "must be at least one year");
    }
    priorityFields = List.copyOf(priorityFields);
    formationModes = List.copyOf(formationModes);
    agreementMechanisms = List.copyOf(agreementMechanisms);
    milestones = List.copyOf(milestones);
  }
}
