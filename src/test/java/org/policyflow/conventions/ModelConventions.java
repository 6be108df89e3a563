package org.policyflow.conventions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * The project's model conventions, checked over every file in {@code processes/} and {@code forms/}:
 * a model must open and lay out in Camunda Modeler, carry a history time-to-live, use meaningful ids
 * and labels, address people by group, and refer only to forms and beans that exist.
 */
public final class ModelConventions {

  /** Ids the Modeler generates when nobody names an element: Activity_0x1y2z3, Flow_1abcdef, StartEvent_1 … */
  static final Pattern GENERATED_ID = Pattern.compile(
      "(Activity|Event|Gateway|Flow|Process|Participant|Lane|Collaboration|DataObjectReference|DataStoreReference"
          + "|TextAnnotation|Association|Group|Message|Signal|Error|Escalation)_[0-9a-z]{7}|StartEvent_1|Process_1");
  static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  /** A rule ID of docs/policy-rules.md (TZP-S1, EXP-2, BJC-CR1 …): it belongs in bpmn:documentation, not in a label. */
  static final Pattern RULE_ID = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2,4}-[A-Z]{0,2}[0-9]+(?![A-Za-z0-9])");
  static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  /** Tasklist 7.24 bundles form-js 1.8.7. */
  static final int MAX_FORM_SCHEMA_VERSION = 16;

  private final Predicate<String> beanExists;
  private final List<String> violations = new ArrayList<>();
  private final Map<String, Path> formIds = new HashMap<>();
  private final Set<String> processKeys = new HashSet<>();

  private ModelConventions(Predicate<String> beanExists) {
    this.beanExists = beanExists;
  }

  /** Every violation found, one line each ("file: element: what is wrong"); empty when all is well. */
  public static List<String> check(Path processesDir, Path formsDir, Predicate<String> beanExists) {
    ModelConventions conventions = new ModelConventions(beanExists);
    conventions.checkForms(files(formsDir, ".form"));
    List<Path> bpmnFiles = files(processesDir, ".bpmn");
    Map<Path, BpmnModelInstance> models = conventions.parseBpmn(bpmnFiles);
    models.forEach(conventions::checkBpmn);
    files(processesDir, ".dmn").forEach(conventions::checkDmn);
    return conventions.violations;
  }

  private Map<Path, BpmnModelInstance> parseBpmn(List<Path> files) {
    Map<Path, BpmnModelInstance> models = new HashMap<>();
    for (Path file : files) {
      try {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        models.put(file, model);
        model.getModelElementsByType(Process.class).forEach(p -> processKeys.add(p.getId()));
      } catch (RuntimeException e) {
        violation(file, "-", "is not valid BPMN: " + e.getMessage());
      }
    }
    return models;
  }

  private void checkBpmn(Path file, BpmnModelInstance model) {
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    String baseName = baseName(file, ".bpmn");
    if (processes.stream().noneMatch(p -> p.getId().equals(baseName))) {
      violation(file, "-", "file name must be the process key (no process with id '" + baseName + "')");
    }
    for (Process process : processes) {
      String ttl = process.getCamundaHistoryTimeToLiveString();
      if (ttl == null || ttl.isBlank()) {
        violation(file, process.getId(), "has no camunda:historyTimeToLive");
      }
      if (!process.isExecutable()) {
        violation(file, process.getId(), "is not executable");
      }
    }

    Set<String> shapes = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
    Set<String> edges = new HashSet<>();
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(e.getBpmnElement().getId()));
    // Without them Camunda Modeler treats the file as Camunda 8 or unknown: no 7.24 properties panel, no 7.24 lint.
    if (!"Camunda Platform".equals(model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatform"))
        || !"7.24.0".equals(model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatformVersion"))) {
      violation(file, "-", "lacks modeler:executionPlatform=\"Camunda Platform\" modeler:executionPlatformVersion=\"7.24.0\"");
    }
    if (model.getDefinitions().getBpmDiagrams().isEmpty()) {
      violation(file, "-", "has no diagram interchange (BPMNDiagram)");
    }

    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      if (element.getId() != null && GENERATED_ID.matcher(element.getId()).matches()) {
        violation(file, element.getId(), "has a Modeler-generated id: name it by type and meaning");
      }
      checkName(file, element);
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      checkFlowNode(file, node, shapes);
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!edges.contains(flow.getId())) {
        violation(file, flow.getId(), "has no BPMNEdge: it will not lay out in the Modeler");
      }
      if (flow.getName() != null && flow.getName().isBlank()) {
        violation(file, flow.getId(), "has an empty label");
      }
      FlowNode source = flow.getSource();
      boolean decision = (source instanceof ExclusiveGateway || source instanceof InclusiveGateway)
          && source.getOutgoing().size() > 1;
      if (decision && isBlank(flow.getName())) {
        violation(file, flow.getId(), "leaves the decision '" + source.getId() + "' without an answer label");
      }
    }
    model.getModelElementsByType(CamundaTaskListener.class)
        .forEach(l -> checkBean(file, "task listener", l.getCamundaDelegateExpression()));
    model.getModelElementsByType(CamundaExecutionListener.class)
        .forEach(l -> checkBean(file, "execution listener", l.getCamundaDelegateExpression()));
  }

  /** Labels are read in Modeler, Tasklist and Cockpit: plain Chinese, no JUEL, no rule IDs. */
  private void checkName(Path file, BaseElement element) {
    String name = element.getAttributeValue("name");
    if (name == null || element instanceof Process && name.isBlank()) {
      return;
    }
    if (name.contains("${") || name.contains("#{")) {
      violation(file, element.getId(), "name '" + name + "' contains an expression: give a plain name and set the "
          + "dynamic one with a task listener (task.setName)");
    }
    Matcher rule = RULE_ID.matcher(name);
    if (rule.find()) {
      violation(file, element.getId(), "name '" + name + "' carries rule ID " + rule.group()
          + ": put rule IDs in bpmn:documentation");
    }
  }

  private void checkFlowNode(Path file, FlowNode node, Set<String> shapes) {
    String id = node.getId();
    if (!shapes.contains(id)) {
      violation(file, id, "has no BPMNShape: it will not lay out in the Modeler");
    }
    boolean decision = node instanceof Gateway && node.getOutgoing().size() > 1
        && (node instanceof ExclusiveGateway || node instanceof InclusiveGateway);
    if ((node instanceof Activity || node instanceof Event || decision) && isBlank(node.getName())) {
      violation(file, id, "has no label");
    } else if (node.getName() != null && node.getName().isBlank()) {
      violation(file, id, "has an empty label");
    }
    if (node instanceof UserTask task) {
      checkUserTask(file, task);
    } else if (node instanceof StartEvent start && start.getCamundaFormRef() != null) {
      checkFormRef(file, id, start.getCamundaFormRef(), start.getCamundaFormRefBinding());
    } else if (node instanceof ServiceTask task) {
      checkDelegate(file, id, task.getCamundaDelegateExpression(), task.getCamundaClass(), task.getCamundaExpression(),
          task.getCamundaType());
    } else if (node instanceof SendTask task) {
      checkDelegate(file, id, task.getCamundaDelegateExpression(), task.getCamundaClass(), task.getCamundaExpression(),
          task.getCamundaType());
    } else if (node instanceof CallActivity call && !processKeys.contains(call.getCalledElement())) {
      violation(file, id, "calls '" + call.getCalledElement() + "', which is not a process in processes/");
    }
  }

  private void checkUserTask(Path file, UserTask task) {
    String assignee = task.getCamundaAssignee();
    boolean groups = !isBlank(task.getCamundaCandidateGroups());
    boolean assigneeExpression = assignee != null && (assignee.startsWith("${") || assignee.startsWith("#{"));
    if (!groups && !assigneeExpression) {
      violation(file, task.getId(), "has neither candidate groups nor an assignee expression");
    }
    if (assignee != null && !assigneeExpression) {
      violation(file, task.getId(), "hard-codes the assignee '" + assignee + "': use a group or an expression");
    }
    // Tasklist sorts and filters (即将到期, 已逾期) by due date and priority; a task without them is invisible there.
    if (isBlank(task.getCamundaDueDate())) {
      violation(file, task.getId(), "has no due date (camunda:dueDate)");
    }
    if (isBlank(task.getCamundaPriority())) {
      violation(file, task.getId(), "has no priority (camunda:priority)");
    }
    if (task.getCamundaFormRef() == null) {
      violation(file, task.getId(), "has no form (camunda:formRef)");
    } else {
      checkFormRef(file, task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
    }
  }

  private void checkFormRef(Path file, String elementId, String formRef, String binding) {
    if (!formIds.containsKey(formRef)) {
      violation(file, elementId, "refers to form '" + formRef + "', which is not in forms/");
    }
    if (!"deployment".equals(binding)) {
      violation(file, elementId, "must bind its form with camunda:formRefBinding=\"deployment\"");
    }
  }

  private void checkDelegate(Path file, String id, String delegateExpression, String className, String expression,
      String type) {
    if (delegateExpression == null) {
      violation(file, id, "must call a Spring bean through camunda:delegateExpression"
          + (className != null || expression != null || type != null ? " (found class/expression/type)" : ""));
      return;
    }
    checkBean(file, id, delegateExpression);
  }

  private void checkBean(Path file, String where, String delegateExpression) {
    if (delegateExpression == null) {
      return;
    }
    Matcher bean = BEAN_EXPRESSION.matcher(delegateExpression);
    if (bean.matches() && !beanExists.test(bean.group(1))) {
      violation(file, where, "delegate bean '" + bean.group(1) + "' does not exist");
    }
  }

  private void checkDmn(Path file) {
    try {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        String ttl = decision.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
          violation(file, decision.getId(), "has no camunda:historyTimeToLive");
        }
        if (isBlank(decision.getName())) {
          violation(file, decision.getId(), "has no label");
        }
      }
    } catch (RuntimeException e) {
      violation(file, "-", "is not valid DMN: " + e.getMessage());
    }
  }

  private void checkForms(List<Path> files) {
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      JsonNode form;
      try {
        form = json.readTree(file.toFile());
      } catch (IOException e) {
        violation(file, "-", "is not valid JSON: " + e.getMessage());
        continue;
      }
      String id = form.path("id").asText("");
      if (!id.equals(baseName(file, ".form"))) {
        violation(file, "-", "form id '" + id + "' must equal the file name");
      }
      Path other = formIds.put(id, file);
      if (other != null) {
        violation(file, "-", "form id '" + id + "' is also used by " + other.getFileName());
      }
      if (!"default".equals(form.path("type").asText())) {
        violation(file, "-", "is not a Camunda Form (type must be \"default\")");
      }
      if (form.path("schemaVersion").asInt(Integer.MAX_VALUE) > MAX_FORM_SCHEMA_VERSION) {
        violation(file, "-", "schemaVersion must be at most " + MAX_FORM_SCHEMA_VERSION + " (Tasklist 7.24)");
      }
      checkComponents(file, form.path("components"));
    }
  }

  private void checkComponents(Path file, JsonNode components) {
    for (JsonNode component : components) {
      String key = component.path("key").asText("");
      if (!key.isEmpty()) {
        String label = component.has("label") ? component.path("label").asText("")
            : component.path("dateLabel").asText(component.path("timeLabel").asText(""));
        if (label.isBlank()) {
          violation(file, key, "form field has no label");
        }
      }
      checkComponents(file, component.path("components"));
    }
  }

  private void violation(Path file, String element, String message) {
    violations.add(file.getFileName() + ": " + element + ": " + message);
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String baseName(Path file, String suffix) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - suffix.length());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
