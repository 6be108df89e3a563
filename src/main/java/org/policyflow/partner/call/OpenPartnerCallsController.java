package org.policyflow.partner.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/partner-calls/open}: the running call rounds for staff (Tasklist 征集批次 view): id,
 * title, application deadline, applications so far, whether applications are still accepted. Staff
 * roles only (access policy); what a call publishes is public, the count of applications is not.
 */
@RestController
@RequestMapping("/api/partner-calls")
public class OpenPartnerCallsController {

  private final OpenPartnerCalls calls;

  public OpenPartnerCallsController(OpenPartnerCalls calls) {
    this.calls = calls;
  }

  @GetMapping("/open")
  public List<Map<String, Object>> open() {
    return calls.running().stream().map(OpenPartnerCallsController::row).toList();
  }

  private static Map<String, Object> row(OpenPartnerCalls.OpenCall call) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("callId", call.callId());
    row.put("title", call.title());
    row.put("applicationDeadline", call.applicationDeadline() == null ? null : call.applicationDeadline().toString());
    row.put("recommendationDeadline", call.recommendationClosesAt() == null ? null
        : OpenPartnerCalls.lastDay(call.recommendationClosesAt()).toString());
    row.put("places", call.places());
    row.put("applications", call.applications());
    row.put("acceptingApplications", call.acceptingApplications());
    row.put("stage", call.acceptingApplications() ? "征集中" : "申报已截止，推荐评审中");
    return row;
  }
}
