package org.policyflow.consortium.beijing;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.policyflow.shared.engine.SystemAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Portal calls of the Beijing consortium programme: the target against the live count, and the report of a
 * dishonest act (BJC-CR1) by a bj-sti officer, who may not correlate messages to instances through the
 * engine REST API (no UPDATE right on instances), so the report is checked here and delivered by the system.
 */
@RestController
@RequestMapping("/api/bj-consortium")
public class BjConsortiumController {

  public static final String DISHONESTY_MESSAGE = "bjConsortiumDishonestyReported";
  static final String OFFICE = "bj-sti";

  private final ConsortiumTargets targets;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public BjConsortiumController(ConsortiumTargets targets, RuntimeService runtimeService,
      IdentityService identityService, SystemAccess system) {
    this.targets = targets;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
  }

  @GetMapping("/target")
  public ConsortiumTargets.Status target() {
    return targets.status();
  }

  @PostMapping("/{processInstanceId}/dishonesty-reports")
  public ResponseEntity<Map<String, Object>> reportDishonesty(@PathVariable String processInstanceId,
      @RequestBody Map<String, Object> body) {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(OFFICE)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", 403,
          "message", "只有北京市科委工作人员可报告失信行为 / Only bj-sti officers may report a dishonest act"));
    }
    String report = body.get("report") == null ? "" : body.get("report").toString().trim();
    if (report.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("status", 400, "field", "report",
          "message", "请说明失信行为 / Describe the dishonest act"));
    }
    try {
      MessageCorrelationBuilder correlation = runtimeService.createMessageCorrelation(DISHONESTY_MESSAGE)
          .processInstanceId(processInstanceId)
          .setVariable("dishonestyReport", report)
          .setVariable("dishonestyReportedBy", user.getUserId());
      system.run(correlation::correlateWithResult);
    } catch (MismatchingMessageCorrelationException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404,
          "message", "没有运行中的创新联合体流程 " + processInstanceId + " / No running consortium instance " + processInstanceId));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("processInstanceId", processInstanceId,
        "reportedBy", user.getUserId()));
  }
}
