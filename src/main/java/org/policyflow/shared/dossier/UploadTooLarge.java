package org.policyflow.shared.dossier;

import java.util.List;
import java.util.Map;
import org.policyflow.platform.RefusalResponses;
import org.policyflow.platform.attachments.AttachmentProperties;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload larger than the multipart limit is refused by the servlet container before any controller
 * runs; it gets the refusal every other too-large file gets (DOC-3, field {@code file}).
 */
@RestControllerAdvice
class UploadTooLarge {

  private final AttachmentProperties limits;

  UploadTooLarge(AttachmentProperties limits) {
    this.limits = limits;
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException tooLarge) {
    return ResponseEntity.badRequest().body(RefusalResponses.body(List.of(new RuleViolation(DossierService.FILE_RULE,
        "file", "文件超过大小上限 " + limits.maxSizeText(), "The file exceeds the size limit of " + limits.maxSizeText()))));
  }
}
