package org.policyflow.consortium.yongchuan;

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
 * Calls of the Yongchuan pilots: the target against the live count, and the notice of a major change (YCC-O2)
 * that a yc-stb officer received from a consortium. Officers have no UPDATE right on instances, so the engine's
 * own /message endpoint would refuse them; this endpoint checks the group and delivers the message for them.
 */
@RestController
@RequestMapping("/api/yc-consortium")
public class YcConsortiumController {

  public static final String CHANGE_MESSAGE = "ycConsortiumChangeFiled";
  static final String OFFICE = "yc-stb";

  private final YcConsortiumTargets targets;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SystemAccess system;

  public YcConsortiumController(YcConsortiumTargets targets, RuntimeService runtimeService,
      IdentityService identityService, SystemAccess system) {
    this.targets = targets;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.system = system;
  }

  @GetMapping("/target")
  public YcConsortiumTargets.Status target() {
    return targets.status();
  }

  @PostMapping("/{processInstanceId}/major-changes")
  public ResponseEntity<Map<String, Object>> fileChange(@PathVariable String processInstanceId,
      @RequestBody Map<String, Object> body) {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(OFFICE)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", 403,
          "message", "只有永川区科技局工作人员可登记重大事项变更 / Only yc-stb officers may file a major change"));
    }
    String notice = body.get("notice") == null ? "" : body.get("notice").toString().trim();
    if (notice.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("status", 400, "field", "notice",
          "message", "[YCC-O2] 请说明变更事项 / Describe the change"));
    }
    try {
      MessageCorrelationBuilder correlation = runtimeService.createMessageCorrelation(CHANGE_MESSAGE)
          .processInstanceId(processInstanceId)
          .setVariable("changeDescription", notice)
          .setVariable("changeNoticedBy", user.getUserId());
      system.run(correlation::correlateWithResult);
    } catch (MismatchingMessageCorrelationException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404,
          "message", "没有处于建设运行期的创新联合体流程 " + processInstanceId
              + " / No consortium in operation with id " + processInstanceId));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("processInstanceId", processInstanceId,
        "filedBy", user.getUserId()));
  }
}
