package org.policyflow.partner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;

/**
 * How the people of a simulated partner programme answer their tasks, where the answer does not depend
 * on the run: shared by the programme simulation test and the benchmark, so both drive the same
 * programme. Recommendations, objections and violations differ per run and stay with each driver.
 */
public final class PartnerProgrammeAnswers {

  private PartnerProgrammeAnswers() {
  }

  /** Task definition key → the variables the task is completed with. */
  public static Map<String, Map<String, Object>> fixed() {
    Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
    answers.put("Task_AcknowledgeOutcome", Map.of("acknowledged", true));
    // TZP-R2: every seat of the review scores above the thresholds (trusted code: no reviewer identity).
    answers.put("Task_ReviewApplication", PartnerFixtures.reviewScores(80, 75));
    answers.put("Task_RecordAgreementContent", Map.of("cooperationDirection", "城市副中心数字化转型",
        "cooperationContent", "发布技术需求与应用场景，共建联合实验室"));
    answers.put("Task_SignBySti", Map.of("signatureConfirmed", true));
    answers.put("Task_SignByLocality", Map.of("signatureConfirmed", true));
    answers.put("Task_SignByPartner", Map.of("signatureConfirmed", true));
    answers.put("Task_SubmitAnnualReport", Map.of("progressSummary", "年度任务按计划推进", "technologyNeeds", "发布技术需求3项",
        "projects", "承担区级项目1项", "rdInvestment", 500, "problems", "暂无"));
    answers.put("Task_LocalityOpinion", Map.of("localityOpinion", "属地服务保障到位"));
    answers.put("Task_AnnualEvaluation", Map.of("evaluationResult", "good", "evaluationOpinion", "完成年度目标"));
    answers.put("Task_FinalEvaluation", Map.of("finalEvaluationResult", "good", "finalEvaluationOpinion", "三年合作目标完成"));
    answers.put("Task_HandleFunds", Map.of("fundDecision", "recoverAll", "amountToRecover", 200,
        "fundHandlingOpinion", "依据区科技经费管理办法全额追回"));
    return answers;
  }

  /** The selection: the first {@code places} of the recommended applications, as offered on the form. */
  public static Function<Task, Map<String, Object>> selectFirst(RuntimeService runtimeService, int places) {
    return task -> {
      SpinJsonNode options = (SpinJsonNode) runtimeService.getVariable(task.getExecutionId(), "recommendationOptions");
      return PartnerFixtures.selection(options.elements().stream().limit(places).map(o -> o.prop("value").stringValue())
          .toList(), "按优先领域和综合实力择优");
    };
  }
}
