package org.policyflow.partner.district;

import static org.policyflow.partner.district.DistrictVariables.currentUser;
import static org.policyflow.partner.district.DistrictVariables.required;
import static org.policyflow.partner.district.DistrictVariables.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * 部门配合支持情况综合考评 (DST-A1) and 考评结果报区政府 (DST-A2), at the end of each task. DST-A1: every
 * department that handled partners' requests in the year is rated (优秀/良好/一般/较差) with an overall
 * conclusion, and a 较差 rating says why; other departments (行业主管部门 …) may be added. DST-A2: the result
 * is reported to the district government with the document number and the date it was sent, which cannot
 * lie before the evaluation nor in the future.
 */
@Component("districtEvaluationCheck")
public class DistrictEvaluationCheck implements ExecutionListener {

  static final Set<String> RATINGS = Set.of("excellent", "good", "fair", "poor");
  private final IdentityService identityService;

  public DistrictEvaluationCheck(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return; // ended by its deadline timer or an administrator, not submitted: nothing to check or record
    }
    List<RuleViolation> violations = new ArrayList<>();
    if ("Task_EvaluateDepartments".equals(execution.getCurrentActivityId())) {
      List<Map<String, Object>> ratings = DistrictVariables.list(execution, "departmentRatings");
      Set<String> rated = ratings.stream().filter(r -> r.get("departmentName") != null)
          .map(r -> r.get("departmentName").toString().trim()).collect(Collectors.toSet());
      for (Map<String, Object> department : DistrictVariables.list(execution, "departmentSummary")) {
        if (!rated.contains(String.valueOf(department.get("departmentName")))) {
          violations.add(new RuleViolation("DST-A1", "departmentRatings",
              "请对“" + department.get("departmentName") + "”的配合支持情况作出考评。",
              "Rate the support of '" + department.get("departmentName") + "'."));
        }
      }
      for (int i = 0; i < ratings.size(); i++) {
        Map<String, Object> row = ratings.get(i);
        String name = row.get("departmentName") == null ? "" : row.get("departmentName").toString().trim();
        if (name.isEmpty() || !RATINGS.contains(String.valueOf(row.get("rating")))) {
          violations.add(new RuleViolation("DST-A1", "departmentRatings[" + i + "]",
              "请填写部门名称并选择考评等次（优秀/良好/一般/较差）。", "Give the department and its rating."));
        } else if ("poor".equals(row.get("rating"))
            && (row.get("ratingComment") == null || row.get("ratingComment").toString().isBlank())) {
          violations.add(new RuleViolation("DST-A1", "departmentRatings[" + i + "].ratingComment",
              "考评为较差的，请说明理由。", "A poor rating needs its reason."));
        }
      }
      required(execution, violations, "DST-A1", "evaluationConclusion", "综合考评结论", "overall conclusion");
      if (violations.isEmpty()) {
        execution.setVariable("departmentsEvaluatedAt", ClockUtil.getCurrentTime());
        execution.setVariable("departmentsEvaluatedBy", currentUser(identityService));
      }
    } else {
      required(execution, violations, "DST-A2", "reportNumber", "报送文号", "document number");
      required(execution, violations, "DST-A2", "reportSummary", "报送内容摘要", "summary of the report");
      LocalDate evaluated = LocalDate.ofInstant(((Date) execution.getVariable("departmentsEvaluatedAt")).toInstant(),
          WorkingDayCalendar.ZONE);
      LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDayCalendar.ZONE);
      try {
        LocalDate sent = LocalDate.parse(String.valueOf(execution.getVariable("reportedOn")));
        if (sent.isBefore(evaluated) || sent.isAfter(today)) {
          violations.add(new RuleViolation("DST-A2", "reportedOn",
              "报送日期须在考评完成（" + evaluated + "）之后且不晚于今天。",
              "The date sent must lie between the evaluation (" + evaluated + ") and today."));
        }
      } catch (DateTimeParseException e) {
        violations.add(new RuleViolation("DST-A2", "reportedOn", "请填写报区政府的日期（yyyy-MM-dd）。",
            "Enter the date the report was sent to the district government (yyyy-MM-dd)."));
      }
      if (violations.isEmpty()) {
        execution.setVariable("reportedBy", currentUser(identityService));
        execution.setVariable("reportRecordedAt", ClockUtil.getCurrentTime());
        execution.setVariable("reportNumber", text(execution, "reportNumber"));
      }
    }
    if (!violations.isEmpty()) {
      throw new PolicyRuleException(violations);
    }
  }
}
