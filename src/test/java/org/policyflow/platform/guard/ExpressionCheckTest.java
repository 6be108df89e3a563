package org.policyflow.platform.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expression rules on the engine's own JUEL syntax tree: what the project's models write passes; every
 * spelling of reflection, of an unpublished bean or engine service, and of a method outside the allow-list is
 * refused with its rule (finding 2 of issue 16).
 */
class ExpressionCheckTest {

  static final Set<String> BEANS = Set.of("workingDays", "ycSchedule", "systemProperties", "environment",
      "runtimeService", "processEngine", "acceptPartnerApplication");

  static final ExpressionCheck CHECK = new ExpressionCheck(new ExpressionAllowList(
      Map.of("workingDays", List.of("end"), "ycSchedule", List.of("periodEnd", "stageGoal")),
      Map.of("execution", List.of("setVariable", "processBusinessKey"), "task", List.of("setName", "hasVariable")),
      List.of("concat", "plusDays", "toDate"), List.of("now", "dateTime")), new BeanCatalogue() {
        @Override
        public boolean exists(String name) {
          return BEANS.contains(name);
        }

        @Override
        public boolean isProjectDelegate(String name) {
          return name.equals("acceptPartnerApplication");
        }
      });

  @ParameterizedTest
  @ValueSource(strings = {
      "${consortiumName}", "${!eligible}", "${selectedCount > 0}", "${outcome == 'not-eligible'}", "${loopCounter + 1}",
      "P${noticeDays}WD", "${partner.creditCode}", "${false}", "#{execution.processBusinessKey}",
      "${execution.setVariable('reviewPassed', false)}", "${dateTime().plusDays(7).toDate()}", "${now()}",
      "${task.setName('推荐申报：'.concat(organisationName))}",
      "${task.setName('审核：'.concat(task.hasVariable('callTitle') ? callTitle : callId))}",
      "${'创新伙伴计划'.concat(callId).concat('拟入选名单公示')}", "${ycSchedule.stageGoal(yearlyStages, calendarYear - 1)}",
      "${workingDays.end(noticeDays)}", "${panel['lead']}", "${partners[0]}"})
  void dg4TheModelsExpressionsPass(String expression) {
    assertThat(CHECK.check(expression)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${''.getClass().forName('java.lang.System')}", "${x.class}", "${x['class']}", "${x[\"class\"].name}",
      "${(x).class.classLoader}", "${execution.getClass()}", "${task['class']}", "${''.class.forName('java.lang.Runtime')}",
      "${x.getClass().getMethod('exit')}"})
  void dg5ReflectionIsRefusedInEverySpelling(String expression) {
    assertThat(CHECK.check(expression)).extracting(ExpressionCheck.Problem::rule).contains(GuardRule.DG_5);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${systemProperties['user.home']}", "${environment.getProperty('POLICYFLOW_DB_PASSWORD')}",
      "${execution.processEngineServices.authorizationService.createAuthorizationQuery().count()}",
      "${execution.getProcessEngine().getIdentityService()}", "${runtimeService}", "${processEngine.name}",
      "${workingDays.calendar}", "${workingDays}", "${ycSchedule.settings()}", "${(execution).processEngine}",
      "${(true ? execution : x).processEngine}", "${x[name]}", "${x.toUpperCase()}", "${currentUser()}",
      "${fn:forName('x')}", "${acceptPartnerApplication.execute(execution)}", "${task}", "${caseExecution.id}",
      "${hasVariable(execution)}", "${x.concat(execution)}", "${unclosed"})
  void dg4AnythingBeyondVariablesAndPublishedMembersIsRefused(String expression) {
    assertThat(CHECK.check(expression)).extracting(ExpressionCheck.Problem::rule).contains(GuardRule.DG_4);
  }

  @Test
  void dg4TheRefusalNamesWhatIsAllowedInChineseAndEnglish() {
    ExpressionCheck.Problem problem = CHECK.check("${workingDays.calendar}").get(0);
    assertThat(problem.reasonZh()).contains("workingDays", "calendar", "[end]");
    assertThat(problem.reasonEn()).contains("does not publish calendar", "[end]");
  }
}
