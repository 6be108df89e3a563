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

  public enum Comparison {
    AT_LEAST("≥"), AT_MOST("≤"), ABOUT("≈"), NONE("");

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

  public record Target(String key, String label, BigDecimal target, Comparison comparison, String unit,
      Integer dueYear, Counting countedBy) {

    public boolean recorded() {
      return countedBy == null;
    }
  }

  public List<Target> recordedTargets() {
    return items.stream().filter(Target::recorded).toList();
  }
}
