package org.policyflow.platform.testclock;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Browser tests only (profile {@code e2e}, never active otherwise): sets the engine clock and runs the
 * jobs that are then due, so a test can let a notice period or a recommendation deadline pass
 * without waiting days. Administrators only ({@code camunda-admin}); authenticated like every
 * {@code /api/*} call (HTTP Basic).
 *
 * <p>{@code POST /api/test-clock?now=2026-06-01T09:00:00+08:00} → the executed job ids.
 */
@RestController
@Profile("e2e")
@RequestMapping("/api/test-clock")
public class TestClockController {

  private final IdentityService identityService;
  private final ManagementService managementService;

  public TestClockController(IdentityService identityService, ManagementService managementService) {
    this.identityService = identityService;
    this.managementService = managementService;
  }

  @PostMapping
  public ResponseEntity<?> set(@RequestParam("now") String now) {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message",
          "只有系统管理员可以设置测试时钟。 Only members of group camunda-admin may set the test clock."));
    }
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(now).toInstant()));
    // Executed here rather than left to the job executor: the test continues only once they ran.
    // Jobs created by executed jobs (asynchronous continuations) are picked up in the next round.
    List<String> executed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    identityService.clearAuthentication();
    for (int round = 0; round < 20; round++) {
      List<Job> due = managementService.createJobQuery().executable().list().stream()
          .filter(job -> !failed.contains(job.getId())).toList();
      if (due.isEmpty()) {
        break;
      }
      for (Job job : due) {
        try {
          managementService.executeJob(job.getId());
          executed.add(job.getId());
        } catch (RuntimeException e) {
          // Taken by the job executor meanwhile, or failing (then it becomes an incident as usual).
          failed.add(job.getId());
        }
      }
    }
    return ResponseEntity.ok(Map.of("now", ClockUtil.getCurrentTime().toInstant().toString(),
        "executedJobs", executed, "notExecuted", failed));
  }
}
