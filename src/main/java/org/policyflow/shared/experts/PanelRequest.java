package org.policyflow.shared.experts;

import java.util.List;
import java.util.Set;

/**
 * What a panel is drawn for. {@code expertTypes}: when given, only experts of these types are eligible
 * and, if more than one type is named, the panel holds at least one of each (a technical/management mix).
 * {@code alreadyDrawn}: experts who may not be drawn again (replacements). {@code organisationCreditCodes}:
 * the credit codes of the applicant and members where known (EXP-2 matches them before the names).
 */
public record PanelRequest(
    int size,
    String applicantOrganisation,
    List<String> memberOrganisations,
    String field,
    List<String> expertTypes,
    Set<String> alreadyDrawn,
    Set<String> organisationCreditCodes) {

  public PanelRequest(int size, String applicantOrganisation, List<String> memberOrganisations, String field,
      List<String> expertTypes, Set<String> alreadyDrawn) {
    this(size, applicantOrganisation, memberOrganisations, field, expertTypes, alreadyDrawn, Set.of());
  }

  public PanelRequest {
    organisationCreditCodes = organisationCreditCodes == null ? Set.of() : Set.copyOf(organisationCreditCodes);
    memberOrganisations = memberOrganisations == null ? List.of() : List.copyOf(memberOrganisations);
    expertTypes = expertTypes == null ? List.of() : List.copyOf(expertTypes);
    alreadyDrawn = alreadyDrawn == null ? Set.of() : Set.copyOf(alreadyDrawn);
  }
}
