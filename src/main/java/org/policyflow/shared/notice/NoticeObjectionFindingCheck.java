package org.policyflow.shared.notice;

import static org.policyflow.shared.notice.NoticeVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * End of 核实异议 (TZP-N1): a decision and a written finding are required whatever client submits the
 * task. An execution listener, so the refusal reaches REST as 400 and the task stays open.
 */
@Component("noticeObjectionFindingCheck")
public class NoticeObjectionFindingCheck implements ExecutionListener {

  static final int MIN_FINDING_LENGTH = 4;

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      // The task was cancelled (notice withdrawn), not completed: there is no finding to check.
      return;
    }
    String decision = text(execution, OBJECTION_DECISION);
    if (!UPHELD.equals(decision) && !NOT_UPHELD.equals(decision)) {
      throw new PolicyRuleException(NoticeService.RULE, OBJECTION_DECISION,
          "请选择核实结论：异议成立或异议不成立。", "Choose the finding: objection upheld or not upheld.");
    }
    String finding = text(execution, OBJECTION_FINDING);
    if (finding == null || finding.length() < MIN_FINDING_LENGTH) {
      throw new PolicyRuleException(NoticeService.RULE, OBJECTION_FINDING,
          "请填写核实意见（至少" + MIN_FINDING_LENGTH + "个字），说明异议成立或不成立的依据。",
          "Write the verification finding (at least " + MIN_FINDING_LENGTH + " characters) stating why.");
    }
  }
}
