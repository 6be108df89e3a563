package org.policyflow.partner.cooperation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.MessageRuleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal delivers violation reports (TZP-C4) about a partner during its cooperation. The portal
 * account holds no right on engine instances (it could otherwise read the cooperation's data, change
 * variables or suspend it): this endpoint, which access-policy.yaml grants to portals only, checks that
 * the cooperation runs, and the system delivers message {@code PartnerViolationReported} to exactly that
 * instance. The report's content is checked where every report is, in {@link ViolationIntake}.
 */
@RestController
@RequestMapping("/api/partner-cooperations")
public class ViolationReportController {

  static final String MESSAGE = "PartnerViolationReported";
  static final String PROCESS_KEY = "partner-cooperation";

  public record Report(String violationType, String violationDescription, String reporterName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(int status, String field, String rule, String message) {}

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public ViolationReportController(RuntimeService runtimeService, IdentityService identityService,
      SystemAccess system) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
  }

  @PostMapping("/{processInstanceId}/violation-reports")
  public ResponseEntity<?> report(@PathVariable String processInstanceId, @RequestBody(required = false) Report body) {
    Authentication caller = identityService.getCurrentAuthentication();
    boolean running = system.call(() -> runtimeService.createProcessInstanceQuery()
        .processInstanceId(processInstanceId).processDefinitionKey(PROCESS_KEY).active().count() > 0);
    if (!running) {
      return problem(HttpStatus.NOT_FOUND, "processInstanceId", "没有正在履行的合作协议 " + processInstanceId
          + "，不受理违规报送。 / No running partner cooperation " + processInstanceId + "; the report is not accepted.");
    }
    if (body == null) {
      return problem(HttpStatus.BAD_REQUEST, null, "请求体须为 JSON：{violationType, violationDescription, reporterName}。 / "
          + "The request body must be JSON: {violationType, violationDescription, reporterName}.");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("violationType", body.violationType());
    report.put("violationDescription", body.violationDescription());
    report.put("reporterName", body.reporterName());
    report.put("violationSubmittedBy", caller == null ? null : caller.getUserId());
    try {
      system.run(() -> runtimeService.createMessageCorrelation(MESSAGE).processInstanceId(processInstanceId)
          .setVariablesToTriggeredScope(report).correlateWithResult());
    } catch (MessageRuleException e) {
      return problem(HttpStatus.BAD_REQUEST, e.violation().field(), e.getMessage());
    } catch (MismatchingMessageCorrelationException e) {
      return problem(HttpStatus.CONFLICT, "processInstanceId", "该合作协议当前不受理违规报送。 / "
          + "This cooperation does not accept violation reports at present.");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("processInstanceId", processInstanceId,
        "receivedAt", ClockUtil.getCurrentTime().toInstant().toString(),
        "message", "违规情形已受理，将由区科委核实。 / The report has been accepted and will be verified by the District S&T Commission."));
  }

  private static ResponseEntity<Problem> problem(HttpStatus status, String field, String message) {
    return ResponseEntity.status(status).body(new Problem(status.value(), field, "TZP-C4", message));
  }
}
