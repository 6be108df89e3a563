package org.policyflow.consortium.beijing;

import java.util.Map;
import org.policyflow.shared.engine.OfficeMessageDelivery;
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
  private static final OfficeMessageDelivery.Kind KIND = new OfficeMessageDelivery.Kind(OFFICE,
      "只有北京市科委工作人员可报告失信行为 / Only bj-sti officers may report a dishonest act",
      DISHONESTY_MESSAGE, "report", "请说明失信行为 / Describe the dishonest act",
      "dishonestyReport", "dishonestyReportedBy", "reportedBy",
      id -> "没有运行中的创新联合体流程 " + id + " / No running consortium instance " + id);

  private final ConsortiumTargets targets;
  private final OfficeMessageDelivery delivery;

  public BjConsortiumController(ConsortiumTargets targets, OfficeMessageDelivery delivery) {
    this.targets = targets;
    this.delivery = delivery;
  }

  @GetMapping("/target")
  public ConsortiumTargets.Status target() {
    return targets.status();
  }

  @PostMapping("/{processInstanceId}/dishonesty-reports")
  public ResponseEntity<Map<String, Object>> reportDishonesty(@PathVariable String processInstanceId,
      @RequestBody Map<String, Object> body) {
    return delivery.deliver(KIND, processInstanceId, body);
  }
}
