package org.policyflow.shared.notice;

import static org.policyflow.shared.notice.NoticeVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** 确定公示结果 (TZP-N1): after the period and every objection's verification the list is final. */
@Component("noticeResult")
public class NoticeResult implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(FINAL_LIST, list(execution, CURRENT_LIST));
    execution.setVariable(REMOVED, list(execution, REMOVED));
    execution.setVariable(FINALISED_AT, ClockUtil.getCurrentTime());
  }
}
