package org.policyflow.shared.engine;

import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Delivers a message that a responsible office sends to one running instance (a dishonesty report, a
 * major change). Officers have no update right on instances, so they cannot correlate through the engine
 * REST API: the caller's group and text are checked here and the system delivers the message.
 */
@Component
public class OfficeMessageDelivery {

  /**
   * What one kind of office message needs: who may send it, which message it is, which request field
   * carries its text and where text and sender are kept in the instance, and the bilingual refusals.
   */
  public record Kind(
      String officeGroup,
      String forbiddenReason,
      String messageName,
      String textField,
      String missingTextReason,
      String textVariable,
      String senderVariable,
      String senderResponseKey,
      Function<String, String> notRunningReason) {}

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public OfficeMessageDelivery(RuntimeService runtimeService, IdentityService identityService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
  }

  /** 202 when delivered; 403 outside the office; 400 without text; 404 when no instance waits for it. */
  public ResponseEntity<Map<String, Object>> deliver(Kind kind, String processInstanceId, Map<String, Object> body) {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(kind.officeGroup())) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", 403, "message", kind.forbiddenReason()));
    }
    Object raw = body.get(kind.textField());
    String text = raw == null ? "" : raw.toString().trim();
    if (text.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("status", 400, "field", kind.textField(),
          "message", kind.missingTextReason()));
    }
    try {
      system.run(() -> runtimeService.createMessageCorrelation(kind.messageName())
          .processInstanceId(processInstanceId)
          .setVariable(kind.textVariable(), text)
          .setVariable(kind.senderVariable(), user.getUserId())
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404,
          "message", kind.notRunningReason().apply(processInstanceId)));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("processInstanceId", processInstanceId,
        kind.senderResponseKey(), user.getUserId()));
  }
}
