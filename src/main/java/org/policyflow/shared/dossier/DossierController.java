package org.policyflow.shared.dossier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The case dossier over HTTP (Tasklist tab 申报材料, portals): read by task or by case, upload at a task,
 * download a document. HTTP Basic or the webapp session, like the audit API; the engine authentication
 * filter has put the caller on the engine for this request.
 */
@RestController
@RequestMapping("/api/dossiers")
public class DossierController {

  private final DossierService dossiers;
  private final IdentityService identity;

  public DossierController(DossierService dossiers, IdentityService identity) {
    this.dossiers = dossiers;
    this.identity = identity;
  }

  @GetMapping("/tasks/{taskId}")
  public Map<String, Object> byTask(@PathVariable String taskId) {
    return dossiers.forTask(taskId, caller());
  }

  @GetMapping("/{caseId}")
  public Map<String, Object> byCase(@PathVariable String caseId) {
    return dossiers.forCase(caseId, caller());
  }

  @PostMapping(value = "/tasks/{taskId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<Map<String, Object>> upload(@PathVariable String taskId,
      @RequestParam(name = "type", required = false) String type,
      @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
    DossierCaller caller = caller();
    if (type == null || type.isBlank()) {
      throw new PolicyRuleException(DossierService.TYPE_RULE, "type", "请选择材料类型", "Choose the document type");
    }
    if (file == null) {
      throw new PolicyRuleException(DossierService.FILE_RULE, "file", "请选择要上传的文件（文件不能为空）",
          "Choose a non-empty file to upload");
    }
    DossierDocument document = dossiers.upload(taskId, type.trim(), file.getOriginalFilename(), file.getContentType(),
        file.getBytes(), caller);
    Map<String, Object> body = new LinkedHashMap<>(dossiers.describe(document));
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }

  @GetMapping("/{caseId}/documents/{documentId}/content")
  public ResponseEntity<byte[]> download(@PathVariable String caseId, @PathVariable String documentId) {
    DossierService.Download download = dossiers.download(caseId, documentId, caller());
    MediaType type;
    try {
      type = download.document().contentType() == null ? MediaType.APPLICATION_OCTET_STREAM
          : MediaType.parseMediaType(download.document().contentType());
    } catch (RuntimeException unreadable) {
      type = MediaType.APPLICATION_OCTET_STREAM;
    }
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(download.document().fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-SHA256", download.document().sha256())
        .header("X-Content-Type-Options", "nosniff")
        .body(download.content());
  }

  @ExceptionHandler(DossierService.Forbidden.class)
  ResponseEntity<Map<String, Object>> forbidden(DossierService.Forbidden refused) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", 403, "message", refused.getMessage()));
  }

  @ExceptionHandler(DossierService.NotFound.class)
  ResponseEntity<Map<String, Object>> notFound(DossierService.NotFound missing) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404, "message", missing.getMessage()));
  }

  private DossierCaller caller() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
    }
    return new DossierCaller(authentication.getUserId(), authentication.getGroupIds());
  }
}
