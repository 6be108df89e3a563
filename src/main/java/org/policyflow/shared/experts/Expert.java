package org.policyflow.shared.experts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A member of the expert pool as the engine's identity service keeps it (user info organisation, fields, expertType). */
public record Expert(String id, String name, String organisation, List<String> fields, String type) {

  public Expert {
    fields = fields == null ? List.of() : List.copyOf(fields);
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
    return map;
  }
}
