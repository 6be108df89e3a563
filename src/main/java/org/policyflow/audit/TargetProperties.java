package org.policyflow.audit;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The programme targets the dashboard shows (targets.yaml). A target is counted from the engine when it
 * has {@code countedBy}; otherwise staff record its value through the {@code recordingProcessKey} process.
 */
@ConfigurationProperties("policyflow.targets")
public record TargetProperties(String plan, String recordingProcessKey, BigDecimal aboutTolerance, List<Target> items) {

  /**
   * How a value meets its target, as the seed's verb says (TGT-C1): "突破/超过" only when the value is above
   * the number, "达/达到/以上" when it reaches it.
   */
  public enum Comparison {
    MORE_THAN(">"), AT_LEAST("≥"), AT_MOST("≤"), ABOUT("≈"), NONE("");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** How a process produces the counted value: which of its instances count. */
  public enum Instances { RUNNING, VARIABLE, REACHED }

  public record Counting(String processKey, Instances instances, String variable, String value, List<String> activityIds) {}

  /** {@code wording} quotes the seed's sentence that sets the number, shown beside it on the dashboard. */
  public record Target(String key, String label, BigDecimal target, Comparison comparison, String unit,
      Integer dueYear, String wording, Counting countedBy) {

    public boolean recorded() {
      return countedBy == null;
    }
  }

  public List<Target> recordedTargets() {
    return items.stream().filter(Target::recorded).toList();
  }
}
