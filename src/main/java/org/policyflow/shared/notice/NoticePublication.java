package org.policyflow.shared.notice;

import static org.policyflow.shared.notice.NoticeVariables.*;

import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/** 发布公示 (TZP-N1): the list as published and the instant the notice ends (24:00 of the N-th working day). */
@Component("noticePublication")
public class NoticePublication implements JavaDelegate {

  private final NoticeService notices;

  public NoticePublication(NoticeService notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object days = execution.getVariable(NOTICE_DAYS);
    if (!(days instanceof Number number)) {
      throw new PolicyRuleException(NoticeService.RULE, NOTICE_DAYS, "缺少公示期工作日数（noticeDays）。",
          "The number of notice working days (noticeDays) is missing.");
    }
    Date now = ClockUtil.getCurrentTime();
    execution.setVariable(STARTED_AT, now);
    execution.setVariable(ENDS_AT, notices.noticeEnd(now, number.intValue()));
    execution.setVariable(CURRENT_LIST, list(execution, CANDIDATES));
    execution.setVariable(REMOVED, new ArrayList<>());
  }
}
