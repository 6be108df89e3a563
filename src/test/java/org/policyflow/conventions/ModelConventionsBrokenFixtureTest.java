package org.policyflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyflow.platform.guard.BeanCatalogue;
import org.policyflow.platform.guard.ExpressionAllowList;
import org.policyflow.platform.guard.GuardRule;
import org.policyflow.platform.guard.ModelGuard;
import org.policyflow.platform.guard.ModelViolation;

/** The conventions check must catch each kind of broken model: it is tested on a deliberately broken fixture. */
class ModelConventionsBrokenFixtureTest {

  static final Path FIXTURE = Path.of("src/test/resources/conventions/broken");
  static List<ModelViolation> violations;

  @BeforeAll
  static void checkFixture() {
    BeanCatalogue beans = new BeanCatalogue() {
      @Override
      public boolean exists(String name) {
        return name.equals("knownBean");
      }

      @Override
      public boolean isProjectDelegate(String name) {
        return exists(name);
      }
    };
    ModelGuard guard = new ModelGuard(new ExpressionAllowList(Map.of(), Map.of(), List.of(), List.of()), beans);
    violations = ModelConventions.check(FIXTURE.resolve("processes"), FIXTURE.resolve("forms"), guard);
  }

  private static void assertFound(GuardRule rule, String file, String element, String reason) {
    assertThat(violations).anyMatch(v -> v.rule() == rule && v.file().equals(file) && v.element().equals(element)
        && v.reasonEn().contains(reason) && !v.reasonZh().isBlank());
  }

  @Test
  void mc3MissingDiagramInterchangeIsFound() {
    assertFound(GuardRule.MC_3, "broken-model.bpmn", "Task_NoGroup", "has no BPMNShape");
    assertFound(GuardRule.MC_3, "broken-model.bpmn", "SequenceFlow_2", "has no BPMNEdge");
  }

  @Test
  void mc2MissingHistoryTimeToLiveIsFound() {
    assertFound(GuardRule.MC_2, "broken-model.bpmn", "broken-model", "has no camunda:historyTimeToLive");
  }

  @Test
  void mc4ModelerGeneratedIdIsFound() {
    assertFound(GuardRule.MC_4, "broken-model.bpmn", "Activity_0abc123", "has a Modeler-generated id");
  }

  @Test
  void mc6AndMc7UserTaskWithoutGroupOrFormIsFound() {
    assertFound(GuardRule.MC_6, "broken-model.bpmn", "Task_NoGroup", "has neither candidate groups nor an assignee expression");
    assertFound(GuardRule.MC_7, "broken-model.bpmn", "Task_NoGroup", "has no form");
    assertFound(GuardRule.MC_6, "broken-model.bpmn", "Task_NoGroup", "has no due date");
    assertFound(GuardRule.MC_6, "broken-model.bpmn", "Task_NoGroup", "has no priority");
    assertFound(GuardRule.MC_6, "broken-model.bpmn", "Activity_0abc123", "hard-codes the assignee 'wanglixin'");
    assertFound(GuardRule.MC_7, "broken-model.bpmn", "Activity_0abc123",
        "refers to form 'missing-form', which is not in this deployment");
  }

  @Test
  void mc8AndDg3MissingDelegateBeanAndClassDelegateAreFound() {
    assertFound(GuardRule.MC_8, "broken-model.bpmn", "Task_MissingBean", "delegate bean 'noSuchBean' does not exist");
    assertFound(GuardRule.DG_3, "broken-model.bpmn", "Task_ClassDelegate", "must call a Spring bean through camunda:delegateExpression");
    assertFound(GuardRule.DG_1, "broken-model.bpmn", "Task_ClassDelegate", "Java classes may not be loaded");
  }

  @Test
  void mc5EmptyAndMissingLabelsAreFound() {
    assertFound(GuardRule.MC_5, "broken-model.bpmn", "Task_NoGroup", "has no label");
    assertFound(GuardRule.MC_5, "broken-model.bpmn", "SequenceFlow_Unnamed",
        "leaves the decision 'Gateway_Approved' without an answer label");
  }

  @Test
  void mc5ExpressionOrRuleIdInANameIsFound() {
    assertFound(GuardRule.MC_5, "broken-model.bpmn", "Task_MissingBean", "name '发送通知：${organisationName}' contains an expression");
    assertFound(GuardRule.MC_5, "broken-model.bpmn", "Task_ClassDelegate", "name '归档（TZP-S1）' carries rule ID TZP-S1");
  }

  @Test
  void mc1MissingExecutionPlatformIsFound() {
    assertFound(GuardRule.MC_1, "broken-model.bpmn", "-", "lacks modeler:executionPlatform");
  }

  @Test
  void mc8CallToUnknownProcessIsFound() {
    assertFound(GuardRule.MC_8, "broken-model.bpmn", "Task_CallUnknown", "calls 'no-such-process'");
  }

  @Test
  void mc1AndMc5BrokenFormsAreFound() {
    assertFound(GuardRule.MC_1, "broken-form.form", "-", "form id 'not-the-file-name' must equal the file name");
    assertFound(GuardRule.MC_1, "broken-form.form", "-", "schemaVersion must be at most 16");
    assertFound(GuardRule.MC_5, "broken-form.form", "organisationName", "form field has no label");
    assertFound(GuardRule.MC_5, "broken-form.form", "phone", "form field has no label");
    assertFound(GuardRule.MC_5, "broken-form.form", "rdStaff", "field label '研发人员数（人，TZP-E3）' carries rule ID TZP-E3");
  }
}
