package org.policyflow.shared.dossier;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Times in the dossier: ISO-8601 with the offset of the application's zone (Asia/Shanghai), to the second. */
final class DossierTimes {

  private DossierTimes() {}

  static String text(Date time) {
    return time == null ? null : text(time.toInstant());
  }

  static String text(Instant time) {
    return time == null ? null
        : OffsetDateTime.ofInstant(time, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
