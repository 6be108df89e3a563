package org.policyflow.shared.notice;

import static org.policyflow.shared.notice.NoticeVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 移出公示名单 (TZP-N1): an upheld objection removes its candidate from the notice's current list and
 * records it with the objection's reason and finding. Two upheld objections about the same candidate
 * remove it once.
 */
@Component("noticeCandidateRemoval")
public class NoticeCandidateRemoval implements JavaDelegate {

  private final NoticeService notices;

  public NoticeCandidateRemoval(NoticeService notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String candidateId = text(execution, OBJECTION_CANDIDATE_ID);
    List<Map<String, Object>> current = list(execution, CURRENT_LIST);
    notices.find(current, candidateId).ifPresent(candidate -> {
      List<Map<String, Object>> removed = list(execution, REMOVED);
      removed.add(notices.removed(candidate, text(execution, OBJECTION_REASON), text(execution, OBJECTION_FINDING)));
      execution.setVariable(REMOVED, removed);
      execution.setVariable(CURRENT_LIST, notices.without(current, candidateId));
    });
  }
}
