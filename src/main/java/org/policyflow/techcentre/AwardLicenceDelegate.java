package org.policyflow.techcentre;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_AwardLicence of tech-centre (予以授牌): the centre is licensed; supervision (TIC-R1 annual reports,
 * TIC-A1 assessments) counts whole calendar years, starting with the year after the licence year, so a
 * centre licensed late in a year is not asked for a report about weeks of work.
 */
@Component("ticAwardLicence")
public class AwardLicenceDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    int licenceYear = (Integer) execution.getVariable("licenceYear");
    execution.setVariable("licenceStatus", "licensed");
    execution.setVariable("licensedAt", TicRecords.now());
    execution.setVariable("supervisionYear", licenceYear + 1);
    execution.setVariable("missedReportsInRow", 0);
  }
}
