package org.policyflow.shared.experts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member of the expert pool as the engine's identity service keeps it (user info organisation, fields,
 * expertType, and for EXP-2 organisationCreditCode and affiliations: the organisations the expert's unit
 * belongs to, as staff recorded them).
 */
public record Expert(String id, String name, String organisation, List<String> fields, String type,
    String organisationCreditCode, List<String> affiliations) {

  public Expert {
    fields = fields == null ? List.of() : List.copyOf(fields);
    affiliations = affiliations == null ? List.of() : List.copyOf(affiliations);
  }

  public Expert(String id, String name, String organisation, List<String> fields, String type) {
    this(id, name, organisation, fields, type, null, List.of());
  }

  public boolean worksIn(String field) {
    return field != null && fields.contains(field.trim());
  }

  /** As kept in the draw record (JSON in history). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id);
    map.put("name", name);
    map.put("organisation", organisation);
    map.put("fields", fields);
    map.put("type", type);
    map.put("organisationCreditCode", organisationCreditCode);
    map.put("affiliations", affiliations);
    return map;
  }
}
