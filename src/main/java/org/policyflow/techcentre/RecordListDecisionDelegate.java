package org.policyflow.techcentre;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.quota.QuotaStatus;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * Task_RecordListDecision of tech-centre (确定名单): a listed centre takes one of the year's licences (TIC-Q1)
 * in the officer's own transaction, and gets its licence number from the same counter. Refused: the task
 * stays open with nothing recorded. Not listed needs a reason.
 */
@Component("ticRecordListDecision")
public class RecordListDecisionDelegate implements JavaDelegate {

  private final TechCentreProperties properties;
  private final TechCentreRounds rounds;
  private final TechCentreSchedule schedule;
  private final IdentityService identityService;

  public RecordListDecisionDelegate(TechCentreProperties properties, TechCentreRounds rounds,
      TechCentreSchedule schedule, IdentityService identityService) {
    this.properties = properties;
    this.rounds = rounds;
    this.schedule = schedule;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decision = TicRecords.text(execution, "listDecision");
    if (!"listed".equals(decision)) {
      if (TicRecords.text(execution, "listDecisionReason").isEmpty()) {
        throw new PolicyRuleException("TIC-L1", "listDecisionReason", "未列入名单须说明理由",
            "A centre left off the list needs a reason");
      }
      execution.setVariable("listed", false);
      execution.setVariable("licenceStatus", "not-listed");
      return;
    }
    int year = schedule.currentYear();
    QuotaStatus taken = rounds.take(year);
    execution.setVariable("listed", true);
    execution.setVariable("licenceYear", year);
    execution.setVariable("licenceNumber", String.format(properties.licenceNumberFormat(), year, taken.used()));
    execution.setVariable("listedBy", TicRecords.actor(identityService));
    execution.setVariable("listedAt", TicRecords.now());
  }
}
