package org.policyflow.consortium.yongchuan;

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
 * Calls of the Yongchuan pilots: the target against the live count, and the notice of a major change (YCC-O2)
 * that a yc-stb officer received from a consortium. Officers have no UPDATE right on instances, so the engine's
 * own /message endpoint would refuse them; this endpoint checks the group and delivers the message for them.
 */
@RestController
@RequestMapping("/api/yc-consortium")
public class YcConsortiumController {

  public static final String CHANGE_MESSAGE = "ycConsortiumChangeFiled";
  static final String OFFICE = "yc-stb";
  private static final OfficeMessageDelivery.Kind KIND = new OfficeMessageDelivery.Kind(OFFICE,
      "只有永川区科技局工作人员可登记重大事项变更 / Only yc-stb officers may file a major change",
      CHANGE_MESSAGE, "notice", "[YCC-O2] 请说明变更事项 / Describe the change",
      "changeDescription", "changeNoticedBy", "filedBy",
      id -> "没有处于建设运行期的创新联合体流程 " + id + " / No consortium in operation with id " + id);

  private final YcConsortiumTargets targets;
  private final OfficeMessageDelivery delivery;

  public YcConsortiumController(YcConsortiumTargets targets, OfficeMessageDelivery delivery) {
    this.targets = targets;
    this.delivery = delivery;
  }

  @GetMapping("/target")
  public YcConsortiumTargets.Status target() {
    return targets.status();
  }

  @PostMapping("/{processInstanceId}/major-changes")
  public ResponseEntity<Map<String, Object>> fileChange(@PathVariable String processInstanceId,
      @RequestBody Map<String, Object> body) {
    return delivery.deliver(KIND, processInstanceId, body);
  }
}
