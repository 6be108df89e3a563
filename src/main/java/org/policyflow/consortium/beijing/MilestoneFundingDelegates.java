package org.policyflow.consortium.beijing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * BJC-F1 milestone funding ("里程碑"式资助, 004 §七(三)) over the milestones of the consortium's own development
 * plan (BJC-P2): each stage's assessment is recorded, and a stage's funds are released only when its latest
 * assessment passed. The release itself checks that again, so no
 * path through the model (or a later model change) can pay a stage whose assessment failed.
 */
@Configuration
public class MilestoneFundingDelegates {

  static final String PASSED = "passed";

  /** Task_RecordMilestoneAssessment: appends the assessment to {@code milestoneAssessments}. */
  @Bean("recordMilestoneAssessment")
  JavaDelegate recordMilestoneAssessment(IdentityService identityService) {
    return execution -> {
      String result = ConsortiumChecks.text(execution, "milestoneAssessment");
      if (!PASSED.equals(result) && !"failed".equals(result)) {
        throw new PolicyRuleException("BJC-F1", "milestoneAssessment", "请选择阶段考核结果", "Choose the assessment result");
      }
      Map<String, Object> assessment = new LinkedHashMap<>();
      assessment.put("stage", execution.getVariable("currentMilestone"));
      assessment.put("index", execution.getVariable("milestoneIndex"));
      assessment.put("indicator", execution.getVariable("currentMilestoneIndicator"));
      assessment.put("result", result);
      assessment.put("comment", ConsortiumChecks.text(execution, "milestoneAssessmentComment"));
      assessment.put("assessedBy", RuleExceptions.officer(identityService));
      assessment.put("assessedAt", ClockUtil.getCurrentTime().toInstant().toString());
      append(execution, "milestoneAssessments", assessment);
      execution.setVariable("milestonePassed", PASSED.equals(result));
      // The next stage's form must not come prefilled with this stage's result.
      execution.setVariable("milestoneAssessment", null);
    };
  }

  /** Task_ReleaseMilestoneFunding: pays the current stage and moves to the next one. */
  @Bean("releaseMilestoneFunding")
  JavaDelegate releaseMilestoneFunding() {
    return MilestoneFundingDelegates::release;
  }

  static void release(DelegateExecution execution) {
    int index = ((Number) execution.getVariable("milestoneIndex")).intValue();
    List<Map<String, Object>> plan = VariableValues.rows(execution.getVariable("milestonePlan"));
    Map<String, Object> stage = plan.get(index);
    List<Map<String, Object>> assessments = VariableValues.rows(execution.getVariable("milestoneAssessments"));
    Map<String, Object> latest = assessments.stream()
        .filter(a -> a.get("index") instanceof Number n && n.intValue() == index)
        .reduce((first, second) -> second).orElse(null);
    if (latest == null || !PASSED.equals(latest.get("result"))) {
      throw new PolicyRuleException("BJC-F1", "milestoneAssessment",
          "“" + stage.get("stage") + "”阶段考核未通过，不得拨付该阶段资金",
          "The assessment of stage '" + stage.get("stage") + "' has not passed: its funds cannot be released");
    }
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("stage", stage.get("stage"));
    release.put("amount", stage.get("amount"));
    release.put("releasedAt", ClockUtil.getCurrentTime().toInstant().toString());
    release.put("assessedAt", latest.get("assessedAt"));
    append(execution, "fundingReleases", release);
    int next = index + 1;
    execution.setVariable("milestoneIndex", next);
    execution.setVariable("moreMilestones", next < plan.size());
    if (next < plan.size()) {
      execution.setVariable("currentMilestone", plan.get(next).get("stage"));
      execution.setVariable("currentMilestoneAmount", plan.get(next).get("amount"));
      showStage(execution, plan.get(next));
    }
  }

  /** The milestone form shows what the consortium committed to for the stage (BJC-P2): date and indicator. */
  static void showStage(DelegateExecution execution, Map<String, Object> stage) {
    execution.setVariable("currentMilestonePlannedDate", stage.get("plannedDate"));
    execution.setVariable("currentMilestoneIndicator", stage.get("indicator"));
  }

  static void append(DelegateExecution execution, String name, Object entry) {
    List<Object> all = new ArrayList<>(VariableValues.list(execution.getVariable(name)));
    all.add(entry);
    execution.setVariable(name, all);
  }
}
