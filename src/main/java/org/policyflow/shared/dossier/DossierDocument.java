package org.policyflow.shared.dossier;

import java.time.Instant;

/** One stored version of a document of a case (the content is read separately, only for a download). */
public record DossierDocument(String id, String caseId, String type, int version, String fileName, String contentType,
    long size, String sha256, String uploadedBy, Instant uploadedAt, String taskId, String stage) {}
