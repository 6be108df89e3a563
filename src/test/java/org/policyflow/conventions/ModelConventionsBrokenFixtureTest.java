package org.policyflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conventions check must catch each kind of broken model: it is tested on a deliberately broken fixture. */
class ModelConventionsBrokenFixtureTest {

  static final Path FIXTURE = Path.of("src/test/resources/conventions/broken");
  static List<String> violations;

  @BeforeAll
  static void checkFixture() {
    violations = ModelConventions.check(FIXTURE.resolve("processes"), FIXTURE.resolve("forms"),
        bean -> bean.equals("knownBean"));
  }

  private static void assertFound(String expected) {
    assertThat(violations).anyMatch(v -> v.contains(expected));
  }

  @Test
  void missingDiagramInterchangeIsFound() {
    assertFound("broken-model.bpmn: Task_NoGroup: has no BPMNShape");
    assertFound("broken-model.bpmn: SequenceFlow_2: has no BPMNEdge");
  }

  @Test
  void missingHistoryTimeToLiveIsFound() {
    assertFound("broken-model: has no camunda:historyTimeToLive");
  }

  @Test
  void modelerGeneratedIdIsFound() {
    assertFound("Activity_0abc123: has a Modeler-generated id");
  }

  @Test
  void userTaskWithoutGroupOrFormIsFound() {
    assertFound("Task_NoGroup: has neither candidate groups nor an assignee expression");
    assertFound("Task_NoGroup: has no form");
    assertFound("Task_NoGroup: has no due date");
    assertFound("Task_NoGroup: has no priority");
    assertFound("Activity_0abc123: hard-codes the assignee 'wanglixin'");
    assertFound("Activity_0abc123: refers to form 'missing-form', which is not in forms/");
  }

  @Test
  void missingDelegateBeanIsFound() {
    assertFound("Task_MissingBean: delegate bean 'noSuchBean' does not exist");
    assertFound("Task_ClassDelegate: must call a Spring bean through camunda:delegateExpression");
  }

  @Test
  void emptyAndMissingLabelsAreFound() {
    assertFound("Task_NoGroup: has no label");
    assertFound("SequenceFlow_Unnamed: leaves the decision 'Gateway_Approved' without an answer label");
  }

  @Test
  void expressionOrRuleIdInANameIsFound() {
    assertFound("Task_MissingBean: name '发送通知：${organisationName}' contains an expression");
    assertFound("Task_ClassDelegate: name '归档（TZP-S1）' carries rule ID TZP-S1");
  }

  @Test
  void missingExecutionPlatformIsFound() {
    assertFound("broken-model.bpmn: -: lacks modeler:executionPlatform");
  }

  @Test
  void callToUnknownProcessIsFound() {
    assertFound("Task_CallUnknown: calls 'no-such-process'");
  }

  @Test
  void brokenFormsAreFound() {
    assertFound("broken-form.form: -: form id 'not-the-file-name' must equal the file name");
    assertFound("broken-form.form: -: schemaVersion must be at most 16");
    assertFound("broken-form.form: organisationName: form field has no label");
    assertFound("broken-form.form: phone: form field has no label");
  }

  @Test
  void aConformingModelHasNoViolations() {
    assertThat(ModelConventions.check(Path.of("processes"), Path.of("forms"), bean -> true)).isEmpty();
  }
}
