package org.policyflow.shared.dossier;

import java.util.List;

/** The person asking, as the authentication filter set them on the engine for this request. */
public record DossierCaller(String userId, List<String> groups) {
  public DossierCaller {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public boolean inAny(List<String> candidates) {
    return candidates.stream().anyMatch(groups::contains);
  }
}
