package org.policyflow.shared.workingdays;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.policyflow.shared.engine.FormValues;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of the process {@code working-day-calendar}; each reads the form values and calls
 * {@link CalendarUpkeep}.
 */
@Configuration
public class CalendarUpkeepDelegates {

  static final String CONFIRM = "confirm";

  private final CalendarUpkeep upkeep;
  private final IdentityService identityService;

  public CalendarUpkeepDelegates(CalendarUpkeep upkeep, IdentityService identityService) {
    this.upkeep = upkeep;
    this.identityService = identityService;
  }

  /**
   * Task_PrepareArrangement: checks the entry (WDC-V1, WDC-V2) of the person who entered or revised it
   * and prepares the month view and the changes for the confirming officer. Runs in the submitting
   * person's transaction, so a refused entry answers at the form and nothing is started or completed.
   */
  @Bean("prepareCalendarYear")
  JavaDelegate prepare() {
    return execution -> {
      Authentication user = identityService.getCurrentAuthentication();
      String enteredBy = user == null ? null : user.getUserId();
      Set<String> groups = user == null || user.getGroupIds() == null ? Set.of() : new HashSet<>(user.getGroupIds());
      CalendarEntry entry = entry(execution);
      CalendarUpkeep.Prepared prepared = upkeep.prepare(entry, FormValues.text(execution, "correctionReason"),
          enteredBy, groups);
      execution.setVariable("calendarEnteredBy", enteredBy);
      execution.setVariable("calendarEnteredByOffices", String.join(",",
          upkeep.offices().stream().filter(groups::contains).toList()));
      execution.setVariable("calendarTitle", entry.year() + "年节假日安排" + (prepared.correction() ? "（更正）" : ""));
      execution.setVariable("calendarPreview", prepared.preview());
      execution.setVariable("calendarChanges", prepared.changes());
      execution.setVariable("calendarIsCorrection", prepared.correction());
      execution.setVariable("confirmingOffices", String.join(",", prepared.confirmingOffices()));
      execution.setVariable("calendarDecision", null);
      execution.setVariable("confirmComment", null);
    };
  }

  /**
   * End of Task_ConfirmArrangement: WDC-C1 four-eyes, and a returned entry says what to correct. An
   * execution listener, so a refusal reaches Tasklist as a form error (400) and the task stays open.
   */
  @Bean("checkCalendarConfirmation")
  ExecutionListener checkConfirmation() {
    return execution -> {
      if (execution.isCanceled()) {
        return; // an administrator cancelling the entry confirms nothing
      }
      Authentication user = identityService.getCurrentAuthentication();
      Set<String> entrantOffices = Set.of(FormValues.text(execution, "calendarEnteredByOffices").split(","));
      upkeep.checkConfirmer(FormValues.text(execution, "calendarEnteredBy"), entrantOffices,
          user == null ? null : user.getUserId(),
          user == null || user.getGroupIds() == null ? Set.of() : new HashSet<>(user.getGroupIds()));
      String decision = FormValues.text(execution, "calendarDecision");
      if (!CONFIRM.equals(decision) && !"return".equals(decision)) {
        throw new PolicyRuleException(CalendarEntry.RULE, "calendarDecision", "请选择“确认生效”或“退回修改”",
            "Choose to confirm the arrangement or to return it for correction");
      }
      if ("return".equals(decision) && FormValues.isBlank(execution, "confirmComment")) {
        throw new PolicyRuleException(CalendarEntry.RULE, "confirmComment", "退回修改时请写明需要更正的内容",
            "Say what is to be corrected when returning the entry");
      }
      execution.setVariable("calendarConfirmedBy", user.getUserId());
    };
  }

  /** Task_ActivateArrangement: the confirmed year takes effect on every node. */
  @Bean("activateCalendarYear")
  JavaDelegate activate() {
    return execution -> {
      ConfirmedYear year = upkeep.activate(entry(execution), FormValues.text(execution, "calendarEnteredBy"),
          FormValues.text(execution, "calendarConfirmedBy"), execution.getProcessInstanceId(),
          FormValues.text(execution, "correctionReason"));
      execution.setVariable("calendarVersion", year.versionLabel());
    };
  }

  /** Task_ResumeDeadlines: what had stopped for want of the year is retried. Asynchronous, as the system. */
  @Bean("resumeCalendarDeadlines")
  JavaDelegate resume() {
    return execution -> execution.setVariable("resumedDeadlines",
        upkeep.resumeWaitingJobs(FormValues.number(execution, "calendarYear").intValue()));
  }

  static CalendarEntry entry(DelegateExecution execution) {
    Double year = FormValues.number(execution, "calendarYear");
    return CalendarEntry.of(year == null || year != Math.floor(year) ? null : year.intValue(),
        FormValues.text(execution, "noticeTitle"), FormValues.text(execution, "noticeNumber"),
        FormValues.text(execution, "noticeDate"), FormValues.text(execution, "noticeLink"),
        FormValues.text(execution, "holidays"), FormValues.text(execution, "workingWeekends"));
  }
}
