package org.policyflow.partner.application;

/** Public contract of process partner-application: key, wait state and message the call relies on. */
public final class PartnerApplications {

  public static final String PROCESS_KEY = "partner-application";
  /** Where a recommended application waits for the final list. */
  public static final String AWAITING_SELECTION = "IntermediateCatchEvent_SelectionPublished";
  public static final String SELECTION_MESSAGE = "PartnerSelectionPublished";

  private PartnerApplications() {}
}
