package org.policyflow.shared.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.policyflow.shared.rules.MessageRuleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Portals file objections (异议, TZP-N1) against a running public notice: the portal account and
 * applicants may call this endpoint (access-policy.yaml), and neither holds engine rights on the notice;
 * the endpoint itself checks that the notice is running, has not ended and lists the candidate, then
 * correlates message {@code NoticeObjection} into that notice only.
 * Authentication: HTTP Basic against the engine (platform.RestSecurityConfiguration covers /api/*).
 */
@RestController
@RequestMapping("/api/notices")
public class NoticeObjectionController {

  public record Objection(String candidateId, String reason, String objectorName, String objectorContact) {}

  public record Accepted(String noticeInstanceId, String candidateId, String organisationName, String receivedAt,
      String message) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(int status, String field, String rule, String message) {}

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final NoticeService notices;

  public NoticeObjectionController(RuntimeService runtimeService, HistoryService historyService,
      IdentityService identityService, NoticeService notices) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.notices = notices;
  }

  @PostMapping("/{noticeInstanceId}/objections")
  public ResponseEntity<?> object(@PathVariable String noticeInstanceId, @RequestBody(required = false) Objection body) {
    Authentication caller = identityService.getCurrentAuthentication();
    // The objector's account need not hold engine rights on the notice: the checks below are the
    // authorization, so the engine calls run as the application (no authenticated engine user).
    identityService.clearAuthentication();
    try {
      return handle(noticeInstanceId, body, caller == null ? null : caller.getUserId());
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private ResponseEntity<?> handle(String noticeInstanceId, Objection body, String submittedBy) {
    ProcessInstance notice = runtimeService.createProcessInstanceQuery().processInstanceId(noticeInstanceId)
        .processDefinitionKey(NoticeService.PROCESS_KEY).singleResult();
    if (notice == null) {
      return endedOrUnknown(noticeInstanceId);
    }
    Date endsAt = (Date) runtimeService.getVariable(noticeInstanceId, NoticeVariables.ENDS_AT);
    if (endsAt == null) {
      // Published by a job that has not run yet: the notice has not started.
      return problem(HttpStatus.CONFLICT, null, "[" + NoticeService.RULE + "] 公示尚未发布，暂不受理异议。 / "
          + "The public notice has not been published yet; objections are not accepted.");
    }
    if (notices.hasEnded(endsAt, ClockUtil.getCurrentTime())) {
      return problem(HttpStatus.CONFLICT, "candidateId", notices.endedMessage(endsAt));
    }
    if (body == null) {
      return problem(HttpStatus.BAD_REQUEST, null, "请求体须为 JSON：{candidateId, reason, objectorName, objectorContact}。 / "
          + "The request body must be JSON: {candidateId, reason, objectorName, objectorContact}.");
    }
    Map<String, Object> candidate;
    try {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> current =
          (List<Map<String, Object>>) runtimeService.getVariable(noticeInstanceId, NoticeVariables.CURRENT_LIST);
      candidate = notices.acceptObjection(current, endsAt, ClockUtil.getCurrentTime(), body.candidateId(), body.reason());
      if (isBlank(body.objectorName())) {
        throw new MessageRuleException(NoticeService.RULE, "objectorName", "请填写异议人姓名或单位名称（实名提出异议）。",
            "Give the objector's name or organisation (objections are made by name).");
      }
      if (isBlank(body.objectorContact())) {
        throw new MessageRuleException(NoticeService.RULE, "objectorContact", "请填写异议人联系方式，以便核实。",
            "Give the objector's contact details so that the objection can be verified.");
      }
    } catch (MessageRuleException e) {
      return problem(HttpStatus.BAD_REQUEST, e.violation().field(), e.getMessage());
    }

    Map<String, Object> objection = new LinkedHashMap<>();
    objection.put(NoticeVariables.OBJECTION_CANDIDATE_ID, body.candidateId().trim());
    objection.put(NoticeVariables.OBJECTION_REASON, body.reason().trim());
    objection.put(NoticeVariables.OBJECTOR_NAME, body.objectorName().trim());
    objection.put(NoticeVariables.OBJECTOR_CONTACT, body.objectorContact().trim());
    objection.put("objectionSubmittedBy", submittedBy);
    try {
      runtimeService.createMessageCorrelation(NoticeService.MESSAGE).processInstanceId(noticeInstanceId)
          .setVariablesToTriggeredScope(objection).correlateWithResult();
    } catch (MessageRuleException e) {
      // The notice changed between the checks above and the correlation (ended, candidate removed).
      return problem(HttpStatus.CONFLICT, e.violation().field(), e.getMessage());
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(noticeInstanceId, body.candidateId().trim(),
        String.valueOf(candidate.get(NoticeService.ORGANISATION_NAME)),
        ClockUtil.getCurrentTime().toInstant().toString(),
        "异议已受理，将由区科委核实。 / The objection has been accepted and will be verified by the District S&T Commission."));
  }

  private ResponseEntity<Problem> endedOrUnknown(String noticeInstanceId) {
    HistoricProcessInstance past = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(noticeInstanceId).processDefinitionKey(NoticeService.PROCESS_KEY).singleResult();
    if (past == null) {
      return problem(HttpStatus.NOT_FOUND, "noticeInstanceId", "未找到公示 " + noticeInstanceId + "。 / "
          + "No public notice " + noticeInstanceId + " exists.");
    }
    HistoricVariableInstance endsAt = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(noticeInstanceId).variableName(NoticeVariables.ENDS_AT).singleResult();
    if (endsAt != null && endsAt.getValue() instanceof Date end) {
      return problem(HttpStatus.CONFLICT, "candidateId", notices.endedMessage(end));
    }
    // Cancelled before it was published: there never was a period to object in.
    return problem(HttpStatus.CONFLICT, "candidateId", "[" + NoticeService.RULE + "] 该公示已撤销，不再受理异议。 / "
        + "This public notice was withdrawn; objections are no longer accepted.");
  }

  private static ResponseEntity<Problem> problem(HttpStatus status, String field, String message) {
    return ResponseEntity.status(status).body(new Problem(status.value(), field, NoticeService.RULE, message));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
