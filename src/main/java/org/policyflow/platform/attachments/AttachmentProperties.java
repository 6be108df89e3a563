package org.policyflow.platform.attachments;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits for documents attached to tasks (application materials, agreements, reports, evidence).
 *
 * @param maxSize largest accepted file
 * @param allowedTypes accepted file name extensions, lower case, without the dot
 */
@ConfigurationProperties("policyflow.attachments")
public record AttachmentProperties(DataSize maxSize, List<String> allowedTypes) {

  public AttachmentProperties {
    maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
    allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
        ? List.of("pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "zip", "ofd")
        : allowedTypes.stream().map(type -> type.toLowerCase(Locale.ROOT).replace(".", "")).toList();
  }

  /** "20 MB" rather than "20971520B", for messages read by staff. */
  public String maxSizeText() {
    long bytes = maxSize.toBytes();
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " B";
  }
}
