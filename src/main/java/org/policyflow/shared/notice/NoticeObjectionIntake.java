package org.policyflow.shared.notice;

import static org.policyflow.shared.notice.NoticeVariables.*;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Start of an objection (收到异议, TZP-N1), whichever way it was correlated: refuses an objection after the
 * end or about someone not on the list (the correlation rolls back with the bilingual message), and keeps
 * the objection's data local to its own event sub-process. Data correlated into an outer scope
 * ({@code processVariables}, {@code processVariablesLocal}) are moved in, so a later objection cannot
 * pick up an earlier objection's text.
 */
@Component("noticeObjectionIntake")
public class NoticeObjectionIntake implements ExecutionListener {

  private final NoticeService notices;

  public NoticeObjectionIntake(NoticeService notices) {
    this.notices = notices;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, Object> objection = new HashMap<>();
    for (String name : OBJECTION_INPUTS) {
      objection.put(name, execution.getVariable(name));
      removeFromOuterScopes(execution, name);
    }
    Map<String, Object> candidate = notices.acceptObjection(list(execution, CURRENT_LIST),
        (Date) execution.getVariable(ENDS_AT), ClockUtil.getCurrentTime(),
        stringOf(objection.get(OBJECTION_CANDIDATE_ID)), stringOf(objection.get(OBJECTION_REASON)));

    objection.forEach(execution::setVariableLocal);
    execution.setVariableLocal(OBJECTION_ORGANISATION, candidate.get(NoticeService.ORGANISATION_NAME));
    execution.setVariableLocal(OBJECTION_CREDIT_CODE, candidate.get("creditCode"));
    execution.setVariableLocal(OBJECTION_RECEIVED_AT, ClockUtil.getCurrentTime());
    // Declared here so that the verifier's form values land in this objection's scope, not the notice's.
    execution.setVariableLocal(OBJECTION_DECISION, null);
    execution.setVariableLocal(OBJECTION_FINDING, null);
  }

  private static void removeFromOuterScopes(DelegateExecution execution, String name) {
    AbstractVariableScope scope = ((AbstractVariableScope) execution).getParentVariableScope();
    while (scope != null) {
      if (scope.hasVariableLocal(name)) {
        scope.removeVariableLocal(name);
      }
      scope = scope.getParentVariableScope();
    }
  }

  private static String stringOf(Object value) {
    return value == null ? null : value.toString().trim();
  }
}
