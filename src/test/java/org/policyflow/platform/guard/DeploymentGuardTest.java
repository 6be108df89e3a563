package org.policyflow.platform.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 16, findings 2 and 7, through the call Camunda Modeler makes (multipart
 * {@code POST /engine-rest/deployment/create} as {@code lintao} of process-owners): a model that is code is
 * refused with 400 naming file, element and rule, and nothing is stored; a legitimate redraw still deploys; a
 * diagram without its forms is refused naming the forms.
 */
@PolicyflowIntegrationTest
class DeploymentGuardTest {

  static final String TARGET_RECORD = "src/test/resources/modeler/target-record.bpmn";

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired TestRestTemplate http;

  // ---------------------------------------------------------------------------------------------- finding 2

  @Test
  void finding2_reflectionAndASystemPropertyInAnExpressionAreRefusedWith400AndNothingIsStored() {
    String model = targetRecord().replace("camunda:dueDate=\"${dateTime().plusDays(7).toDate()}\"",
        "camunda:dueDate=\"${''.getClass().forName('java.lang.System').getProperty('user.home')}\"");
    assertRefused(model, "Task_VerifyTargetValue", "DG-5", "禁止反射", "no reflection");

    String property = targetRecord().replace("${verification == 'confirmed'}",
        "${systemProperties['user.home'] != null}");
    assertRefused(property, "SequenceFlow_ValueConfirmed", "DG-4", "未发布的系统组件 systemProperties",
        "unpublished bean systemProperties");
  }

  @Test
  void finding2_anEngineQueryFromAListenerIsRefused() {
    String model = withListener("<camunda:executionListener event=\"start\" expression=\"${execution"
        + ".processEngineServices.authorizationService.createAuthorizationQuery().count()}\" />");
    assertRefused(model, "Task_VerifyTargetValue", "DG-4", "execution.processEngineServices", "not allowed");
  }

  @Test
  void finding2_aJavaClassIsRefused() {
    String model = withListener("<camunda:executionListener event=\"start\" class=\"org.example.Backdoor\" />");
    assertRefused(model, "Task_VerifyTargetValue", "DG-1", "不允许加载 Java 类", "Java classes may not be loaded");
  }

  @Test
  void finding2_scriptsAreRefusedAsListenerAndAsInputMapping() {
    String listener = withListener("<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">"
        + "java.lang.System.exit(0)</camunda:script></camunda:executionListener>");
    assertRefused(listener, "Task_VerifyTargetValue", "DG-2", "不允许脚本", "scripts (camunda:script) are not allowed");

    String mapping = withListener("<camunda:inputOutput><camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"groovy\">"
        + "'id'.execute().text</camunda:script></camunda:inputParameter></camunda:inputOutput>");
    assertRefused(mapping, "Task_VerifyTargetValue", "DG-2", "不允许脚本", "scripts (camunda:script) are not allowed");
  }

  @Test
  void finding2_anEngineBeanAsServiceLogicIsRefused() {
    String model = withListener("<camunda:executionListener event=\"start\" delegateExpression=\"${runtimeService}\" />");
    assertRefused(model, "Task_VerifyTargetValue", "DG-3", "不是本系统的委托或监听器组件", "not one of the project's delegates");
  }

  @Test
  void finding2_theJavaApiIsGuardedAsWellAndNothingIsStored() {
    String model = withListener("<camunda:executionListener event=\"start\" class=\"org.example.Backdoor\" />");
    long deployments = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> repositoryService.createDeployment().name("java-api")
        .addInputStream("target-record.bpmn", new ByteArrayInputStream(model.getBytes(StandardCharsets.UTF_8)))
        .addInputStream("target-value-report.form", new ByteArrayInputStream(form("target-value-report")))
        .addInputStream("target-value-verify.form", new ByteArrayInputStream(form("target-value-verify")))
        .deploy())
        .isInstanceOf(DeploymentRefusedException.class)
        .hasMessageContaining("target-record.bpmn: Task_VerifyTargetValue: [DG-1]");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void finding2_aLegitimateRedrawFromTheModelerStillDeploys() {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(read(Path.of("processes",
        "partner-application.bpmn"))));
    moveEveryShape(model, 40, 20);
    changeTimerToFiveWorkingDays(model, "BoundaryEvent_RecommendationDeadline");
    insertUserTask(model, "SequenceFlow_Eligible", "Task_CheckCompleteness", "核对申报材料完整性",
        "partner-locality-opinion");
    String xml = Bpmn.convertToString(model);

    ResponseEntity<Map> response = modelerDeploy("lintao", "partner-application", xml, formsOf(xml));
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    String deploymentId = (String) response.getBody().get("id");
    try {
      ProcessDefinition redrawn = latest("partner-application");
      assertThat(redrawn.getDeploymentId()).isEqualTo(deploymentId);
      BpmnModelInstance deployed = repositoryService.getBpmnModelInstance(redrawn.getId());
      assertThat((UserTask) deployed.getModelElementById("Task_CheckCompleteness")).isNotNull();
      TimerEventDefinition timer = (TimerEventDefinition) ((BoundaryEvent) deployed
          .getModelElementById("BoundaryEvent_RecommendationDeadline")).getEventDefinitions().iterator().next();
      assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("P5WD");
      // Every form of the new version resolves in its own deployment: the version can start and be worked.
      assertThat(repositoryService.getDeploymentResourceNames(deploymentId))
          .contains("partner-application-submit.form", "partner-locality-opinion.form");
    } finally {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  // ---------------------------------------------------------------------------------------------- finding 7

  @Test
  void finding7_aDiagramDeployedWithoutItsFormsIsRefusedNamingTheMissingForms() {
    String xml = new String(read(Path.of("processes", "partner-application.bpmn")), StandardCharsets.UTF_8)
        .replace("name=\"受理申报\"", "name=\"受理申报材料\"");
    int version = latest("partner-application").getVersion();
    long deployments = repositoryService.createDeploymentQuery().count();

    ResponseEntity<Map> response = modelerDeploy("lintao", "partner-application", xml, Map.of());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String message = (String) response.getBody().get("message");
    for (String form : formsOf(xml).keySet()) {
      String id = form.substring(0, form.length() - ".form".length());
      assertThat(message).contains("[MC-7]", "引用的表单 " + id + " 不在本次部署中", "refers to form '" + id + "'");
    }
    assertThat(message).contains("partner-application.bpmn: StartEvent_ApplicationSubmitted: [MC-7]");
    assertThat(latest("partner-application").getVersion()).isEqualTo(version);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void finding7_theSameDiagramWithItsFormsDeploysAndItsStartFormResolves() {
    String xml = new String(read(Path.of("processes", "partner-application.bpmn")), StandardCharsets.UTF_8)
        .replace("name=\"受理申报\"", "name=\"受理申报材料\"");
    ResponseEntity<Map> response = modelerDeploy("lintao", "partner-application", xml, formsOf(xml));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String deploymentId = (String) response.getBody().get("id");
    try {
      ProcessDefinition redrawn = latest("partner-application");
      ResponseEntity<String> form = http.withBasicAuth("demo", "demo")
          .getForEntity("/engine-rest/process-definition/" + redrawn.getId() + "/deployed-start-form", String.class);
      assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(form.getBody()).contains("\"id\": \"partner-application-submit\"");
    } finally {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private void assertRefused(String model, String element, String rule, String zh, String en) {
    long deployments = repositoryService.createDeploymentQuery().count();
    long definitions = repositoryService.createProcessDefinitionQuery().count();
    int version = latest("target-record").getVersion();

    ResponseEntity<Map> response = modelerDeploy("lintao", "target-record", model,
        Map.of("target-value-report.form", form("target-value-report"), "target-value-verify.form",
            form("target-value-verify")));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String message = (String) response.getBody().get("message");
    assertThat(message).contains("target-record.bpmn: " + element + ": [" + rule + "]", zh, en);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().count()).isEqualTo(definitions);
    assertThat(latest("target-record").getVersion()).isEqualTo(version);
  }

  private static String targetRecord() {
    return new String(read(Path.of(TARGET_RECORD)), StandardCharsets.UTF_8);
  }

  private static String withListener(String extension) {
    String anchor = "<camunda:executionListener delegateExpression=\"${fourEyesCheck}\" event=\"end\" />";
    String model = targetRecord();
    assertThat(model).contains(anchor);
    return model.replace(anchor, anchor + extension);
  }

  private static byte[] form(String id) {
    return read(Path.of("forms", id + ".form"));
  }

  /** The forms a model refers to, as the process owner adds them under "Include additional files". */
  private static Map<String, byte[]> formsOf(String xml) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Set<String> ids = new TreeSet<>();
    model.getModelElementsByType(UserTask.class).forEach(t -> ids.add(t.getCamundaFormRef()));
    model.getModelElementsByType(StartEvent.class).stream().filter(s -> s.getCamundaFormRef() != null)
        .forEach(s -> ids.add(s.getCamundaFormRef()));
    Map<String, byte[]> forms = new LinkedHashMap<>();
    ids.forEach(id -> forms.put(id + ".form", form(id)));
    return forms;
  }

  /** The call Camunda Modeler makes: multipart POST to /engine-rest/deployment/create with HTTP Basic. */
  private ResponseEntity<Map> modelerDeploy(String user, String key, String bpmn, Map<String, byte[]> forms) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", key);
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("deploy-changed-only", "false");
    parts.add(key + ".bpmn", file(key + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8)));
    forms.forEach((name, content) -> parts.add(name, file(name, content)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
  }

  private static ByteArrayResource file(String name, byte[] content) {
    return new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // Modeler edits, made with the model API as the Modeler makes them.

  private static void moveEveryShape(BpmnModelInstance model, double dx, double dy) {
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      Bounds bounds = shape.getBounds();
      bounds.setX(bounds.getX() + dx);
      bounds.setY(bounds.getY() + dy);
    }
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      for (Waypoint point : edge.getWaypoints()) {
        point.setX(point.getX() + dx);
        point.setY(point.getY() + dy);
      }
    }
  }

  private static void changeTimerToFiveWorkingDays(BpmnModelInstance model, String eventId) {
    TimerEventDefinition timer = (TimerEventDefinition) ((BoundaryEvent) model.getModelElementById(eventId))
        .getEventDefinitions().iterator().next();
    timer.removeChildElement(timer.getTimeDate());
    TimeDuration duration = model.newInstance(TimeDuration.class);
    duration.setTextContent("P5WD");
    timer.setTimeDuration(duration);
  }

  /** Splits a flow with a new user task, its shape and the edge to the old target. */
  private static void insertUserTask(BpmnModelInstance model, String flowId, String taskId, String name, String form) {
    SequenceFlow flow = model.getModelElementById(flowId);
    FlowNode target = flow.getTarget();
    UserTask task = model.newInstance(UserTask.class);
    task.setId(taskId);
    task.setName(name);
    task.setCamundaCandidateGroups("${localityGroup}");
    task.setCamundaDueDate("P5WD");
    task.setCamundaPriority("50");
    task.setCamundaFormRef(form);
    task.setCamundaFormRefBinding("deployment");
    flow.getParentElement().addChildElement(task);
    target.getIncoming().remove(flow);
    flow.setTarget(task);
    task.getIncoming().add(flow);

    BpmnShape targetShape = shapeOf(model, target.getId());
    BpmnShape shape = model.newInstance(BpmnShape.class);
    shape.setId(taskId + "_di");
    shape.setBpmnElement(task);
    Bounds bounds = model.newInstance(Bounds.class);
    bounds.setX(targetShape.getBounds().getX());
    bounds.setY(targetShape.getBounds().getY() + 160);
    bounds.setWidth(100);
    bounds.setHeight(80);
    shape.setBounds(bounds);
    targetShape.getParentElement().addChildElement(shape);

    SequenceFlow onward = model.newInstance(SequenceFlow.class);
    onward.setId("SequenceFlow_CompletenessChecked");
    flow.getParentElement().addChildElement(onward);
    onward.setSource(task);
    onward.setTarget(target);
    task.getOutgoing().add(onward);
    target.getIncoming().add(onward);
    BpmnEdge edge = model.newInstance(BpmnEdge.class);
    edge.setId("SequenceFlow_CompletenessChecked_di");
    edge.setBpmnElement(onward);
    for (double[] xy : new double[][] {{bounds.getX() + 50, bounds.getY()},
        {targetShape.getBounds().getX() + 50, targetShape.getBounds().getY() + targetShape.getBounds().getHeight()}}) {
      Waypoint point = model.newInstance(Waypoint.class);
      point.setX(xy[0]);
      point.setY(xy[1]);
      edge.getWaypoints().add(point);
    }
    targetShape.getParentElement().addChildElement(edge);
  }

  private static BpmnShape shapeOf(BpmnModelInstance model, String elementId) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() != null && s.getBpmnElement().getId().equals(elementId)).findFirst().orElseThrow();
  }
}
