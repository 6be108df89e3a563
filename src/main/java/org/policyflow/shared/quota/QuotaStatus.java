package org.policyflow.shared.quota;

/** A quota's limit and how many places are taken. */
public record QuotaStatus(String name, Integer limit, Integer used) {

  public int remaining() {
    return limit - used;
  }
}
