package org.policyflow.platform.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The safety rules on the XML itself, without the application: each place where a model could carry code is
 * refused with its rule (issue 16, finding 2), and an external task, which runs nothing on the server, is not.
 */
class ModelSafetyTest {

  static final ModelGuard GUARD = new ModelGuard(new ExpressionAllowList(Map.of(), Map.of(), List.of(), List.of()),
      new BeanCatalogue() {
        @Override
        public boolean exists(String name) {
          return name.equals("projectDelegate") || name.equals("dataSource");
        }

        @Override
        public boolean isProjectDelegate(String name) {
          return name.equals("projectDelegate");
        }
      });

  static String process(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_Probe" targetNamespace="https://policyflow.org/test">
          <bpmn:process id="probe" name="探测" isExecutable="true" camunda:historyTimeToLive="P1D">
        """ + body + """
          </bpmn:process>
        </bpmn:definitions>
        """;
  }

  static List<ModelViolation> check(String file, String content) {
    return GUARD.check(Map.of(file, content.getBytes(StandardCharsets.UTF_8)), key -> false);
  }

  static void assertRefused(List<ModelViolation> violations, String element, GuardRule rule) {
    assertThat(violations).as(violations.toString())
        .anyMatch(v -> v.element().equals(element) && v.rule() == rule);
  }

  @Test
  void dg2ScriptTasksScriptConditionsAndScriptResourcesAreRefused() {
    List<ModelViolation> violations = check("probe.bpmn", process("""
        <bpmn:scriptTask id="Task_Script" name="脚本" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
        <bpmn:sequenceFlow id="SequenceFlow_Script" sourceRef="Task_Script" targetRef="Task_Script">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">true</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:userTask id="Task_Resource" name="资源">
          <bpmn:extensionElements><camunda:taskListener event="create">
            <camunda:script scriptFormat="groovy" resource="deployment://x.groovy"/></camunda:taskListener></bpmn:extensionElements>
        </bpmn:userTask>
        """));
    assertRefused(violations, "Task_Script", GuardRule.DG_2);
    assertRefused(violations, "SequenceFlow_Script", GuardRule.DG_2);
    assertRefused(violations, "Task_Resource", GuardRule.DG_2);
  }

  @Test
  void dg3ServiceExpressionsAndFrameworkBeansAreRefusedButExternalTasksAndProjectDelegatesPass() {
    List<ModelViolation> violations = check("probe.bpmn", process("""
        <bpmn:serviceTask id="Task_Expression" name="表达式" camunda:expression="${x}"/>
        <bpmn:serviceTask id="Task_Framework" name="框架组件" camunda:delegateExpression="${dataSource}"/>
        <bpmn:serviceTask id="Task_Shape" name="形状" camunda:delegateExpression="${projectDelegate.execute(x)}"/>
        <bpmn:serviceTask id="Task_External" name="外部任务" camunda:type="external" camunda:topic="probe"/>
        <bpmn:serviceTask id="Task_Project" name="本系统组件" camunda:delegateExpression="${projectDelegate}"/>
        """));
    assertRefused(violations, "Task_Expression", GuardRule.DG_3);
    assertRefused(violations, "Task_Framework", GuardRule.DG_3);
    assertRefused(violations, "Task_Shape", GuardRule.DG_3);
    assertThat(violations).noneMatch(v -> (v.element().equals("Task_External") || v.element().equals("Task_Project"))
        && v.rule().id().startsWith("DG"));
  }

  @Test
  void dg1ClassesAreRefusedOnTasksListenersAndCallActivities() {
    List<ModelViolation> violations = check("probe.bpmn", process("""
        <bpmn:serviceTask id="Task_Class" name="类" camunda:class="org.example.A"/>
        <bpmn:callActivity id="Task_Mapping" name="映射" calledElement="probe" camunda:variableMappingClass="org.example.B"/>
        <bpmn:endEvent id="EndEvent_Listener" name="结束">
          <bpmn:extensionElements><camunda:executionListener event="start" class="org.example.C"/></bpmn:extensionElements>
        </bpmn:endEvent>
        """));
    assertRefused(violations, "Task_Class", GuardRule.DG_1);
    assertRefused(violations, "Task_Mapping", GuardRule.DG_1);
    assertRefused(violations, "EndEvent_Listener", GuardRule.DG_1);
  }

  @Test
  void dg6DoctypeAndExternalEntitiesAreRefused() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + process("").substring(process("").indexOf("<bpmn:definitions"));
    assertRefused(check("probe.bpmn", xxe), "-", GuardRule.DG_6);
  }

  @Test
  void dg7EmbeddedAndGeneratedFormsAreRefused() {
    List<ModelViolation> violations = check("probe.bpmn", process("""
        <bpmn:userTask id="Task_Embedded" name="嵌入式" camunda:formKey="embedded:deployment:x.html"/>
        <bpmn:userTask id="Task_Generated" name="生成式">
          <bpmn:extensionElements><camunda:formData><camunda:formField id="a" type="string"/></camunda:formData>
          </bpmn:extensionElements>
        </bpmn:userTask>
        """));
    assertRefused(violations, "Task_Embedded", GuardRule.DG_7);
    assertRefused(violations, "Task_Generated", GuardRule.DG_7);
  }

  @Test
  void dg2DecisionsOnlyInFeel() {
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Probe" name="探测"
            namespace="https://policyflow.org/test" xmlns:camunda="http://camunda.org/schema/1.0/dmn">
          <decision id="Decision_Probe" name="探测" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_Probe">
              <input id="Input_Probe"><inputExpression id="InputExpression_Probe" typeRef="string" expressionLanguage="groovy">
                <text>'id'.execute().text</text></inputExpression></input>
              <output id="Output_Probe" name="result" typeRef="string"/>
            </decisionTable>
          </decision>
        </definitions>
        """;
    assertRefused(check("probe.dmn", dmn), "InputExpression_Probe", GuardRule.DG_2);
  }

  @Test
  void mc1OtherResourceTypesAreRefused() {
    assertRefused(check("backdoor.js", "java.lang.System.exit(0)"), "-", GuardRule.MC_1);
    assertRefused(check("probe.cmmn", "<definitions/>"), "-", GuardRule.MC_1);
  }
}
