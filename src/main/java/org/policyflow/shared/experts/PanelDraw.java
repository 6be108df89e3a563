package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One draw of an expert panel, with everything needed to audit it: the seed, the pool as it was, why
 * each excluded expert was excluded, who was eligible, who works in the field, who was drawn.
 * Drawing again from the same pool, request and seed gives the same panel.
 */
public record PanelDraw(
    long seed,
    int required,
    List<Expert> candidates,
    Map<String, String> excluded,
    List<String> eligible,
    List<String> fieldMatches,
    List<String> drawn,
    List<String> missingTypes) {

  /** EXP-1: enough eligible experts for the panel, with every requested expert type represented. */
  public boolean enough() {
    return drawn.size() == required && missingTypes.isEmpty();
  }

  /**
   * EXP-2: nobody from the applicant's or a member's organisation or one related to it
   * ({@link ConflictOfInterest}), nobody already drawn; experts of the
   * field come first, each group in random order of the seed; then one of each requested type, then the rest.
   */
  public static PanelDraw draw(List<Expert> pool, PanelRequest request, long seed) {
    List<String> conflicting = new ArrayList<>();
    conflicting.add(request.applicantOrganisation());
    conflicting.addAll(request.memberOrganisations());

    Map<String, String> excluded = new LinkedHashMap<>();
    List<Expert> matching = new ArrayList<>();
    List<Expert> others = new ArrayList<>();
    for (Expert expert : pool) {
      String organisation = ConflictOfInterest.normalise(expert.organisation());
      Optional<String> conflict = ConflictOfInterest.reason(expert, conflicting, request.organisationCreditCodes());
      if (request.alreadyDrawn().contains(expert.id())) {
        excluded.put(expert.id(), "已抽取 / already drawn for this review");
      } else if (organisation.isEmpty()) {
        excluded.put(expert.id(), "未登记所在单位，无法核查回避 / no organisation recorded: conflicts cannot be checked");
      } else if (conflict.isPresent()) {
        excluded.put(expert.id(), conflict.get());
      } else if (!request.expertTypes().isEmpty() && !request.expertTypes().contains(expert.type())) {
        excluded.put(expert.id(), "专家类型不符 / expert type " + expert.type() + " not requested");
      } else if (expert.worksIn(request.field())) {
        matching.add(expert);
      } else {
        others.add(expert);
      }
    }
    Random random = new Random(seed);
    Collections.shuffle(matching, random);
    Collections.shuffle(others, random);
    List<Expert> ordered = new ArrayList<>(matching);
    ordered.addAll(others);

    List<Expert> drawn = new ArrayList<>();
    List<String> missingTypes = new ArrayList<>();
    if (request.expertTypes().size() > 1) {
      for (String type : request.expertTypes()) {
        ordered.stream().filter(e -> type.equals(e.type()) && !drawn.contains(e)).findFirst()
            .ifPresentOrElse(drawn::add, () -> missingTypes.add(type));
      }
    }
    for (Expert expert : ordered) {
      if (drawn.size() >= request.size()) {
        break;
      }
      if (!drawn.contains(expert)) {
        drawn.add(expert);
      }
    }
    // The order of the ordered list, so the field experts stay first in the record.
    List<String> drawnIds = ordered.stream().filter(drawn::contains).map(Expert::id).toList();
    return new PanelDraw(seed, request.size(), List.copyOf(pool), excluded,
        ordered.stream().map(Expert::id).sorted().toList(),
        matching.stream().map(Expert::id).sorted().toList(),
        drawnIds, missingTypes);
  }

  /** The draw as a JSON-friendly map for the process history. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("seed", Long.toString(seed));
    map.put("required", required);
    map.put("candidates", candidates.stream().map(Expert::toMap).toList());
    map.put("excluded", excluded);
    map.put("eligible", eligible);
    map.put("fieldMatches", fieldMatches);
    map.put("drawn", drawn);
    map.put("missingTypes", missingTypes);
    return map;
  }
}
