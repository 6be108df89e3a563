package org.policyflow.platform.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.w3c.dom.Document;

/**
 * Checks the resources of one deployment before the engine stores any of it: the project's model conventions
 * (MC-*: a model opens and lays out in the Modeler, keeps its history for a set time, names its elements,
 * addresses people by group and refers only to forms, beans and processes that exist) and its safety rules
 * (DG-*, {@link ModelSafety}). The same check runs in the tests over {@code processes/} and {@code forms/}.
 *
 * <p>A model's forms must be in the same deployment (MC-7): models bind forms with
 * {@code camunda:formRefBinding="deployment"}, so a diagram deployed alone would become a version whose tasks
 * cannot open their form (docs/deployment-guard.md explains why it is refused rather than completed).
 */
public final class ModelGuard {

  /** Ids the Modeler generates when nobody names an element: Activity_0x1y2z3, Flow_1abcdef, StartEvent_1 … */
  static final Pattern GENERATED_ID = Pattern.compile(
      "(Activity|Event|Gateway|Flow|Process|Participant|Lane|Collaboration|DataObjectReference|DataStoreReference"
          + "|TextAnnotation|Association|Group|Message|Signal|Error|Escalation)_[0-9a-z]{7}|StartEvent_1|Process_1");
  /** A rule ID of policy-rules.md (TZP-S1, EXP-2, BJC-CR1 …): it belongs in bpmn:documentation, not in a label. */
  static final Pattern RULE_ID = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2,4}-[A-Z]{0,2}[0-9]+(?![A-Za-z0-9])");
  /** Tasklist 7.24 bundles form-js 1.8.7. */
  static final int MAX_FORM_SCHEMA_VERSION = 16;
  /** Resources a deployment may hold besides models and forms: diagram images, inert. */
  private static final Set<String> IMAGES = Set.of(".png", ".svg", ".jpg", ".jpeg", ".gif");

  private final ExpressionAllowList allowList;
  private final BeanCatalogue beans;

  public ModelGuard(ExpressionAllowList allowList, BeanCatalogue beans) {
    this.allowList = allowList;
    this.beans = beans;
  }

  /**
   * Every violation in the deployment's resources (resource name to content), in file order; empty when it may
   * be deployed. {@code deployedProcess} tells whether a process key called from a model but not in this
   * deployment is already deployed.
   */
  public List<ModelViolation> check(Map<String, byte[]> resources, Predicate<String> deployedProcess) {
    return new Run(deployedProcess).check(resources);
  }

  private final class Run {

    private final Predicate<String> deployedProcess;
    private final List<ModelViolation> violations = new ArrayList<>();
    private final ModelSafety safety;
    private final Map<String, String> formIds = new HashMap<>();
    private final Set<String> processKeys = new HashSet<>();

    Run(Predicate<String> deployedProcess) {
      this.deployedProcess = deployedProcess;
      this.safety = new ModelSafety(new ExpressionCheck(allowList, beans), beans, violations);
    }

    List<ModelViolation> check(Map<String, byte[]> resources) {
      Map<String, byte[]> bpmn = new LinkedHashMap<>();
      Map<String, byte[]> dmn = new LinkedHashMap<>();
      resources.forEach((name, content) -> {
        String file = fileName(name);
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
          bpmn.put(file, content);
        } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
          dmn.put(file, content);
        } else if (lower.endsWith(".form")) {
          checkForm(file, content);
        } else if (IMAGES.stream().noneMatch(lower::endsWith)) {
          violation(file, "-", GuardRule.MC_1, "只能部署 BPMN、DMN 和 Camunda 表单（以及流程图图片），不能部署此类文件",
              "only BPMN, DMN and Camunda Forms (and diagram images) may be deployed, not this kind of file");
        }
      });
      Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
      bpmn.forEach((file, content) -> {
        Document document = safety.parse(file, content);
        if (document != null) {
          safety.checkBpmn(file, document);
          BpmnModelInstance model = readBpmn(file, content, document);
          if (model != null) {
            models.put(file, model);
            model.getModelElementsByType(Process.class).forEach(p -> processKeys.add(p.getId()));
          }
        }
      });
      models.forEach(this::checkBpmn);
      dmn.forEach((file, content) -> {
        Document document = safety.parse(file, content);
        if (document != null) {
          safety.checkDmn(file, document);
          checkDmn(file, content);
        }
      });
      return violations;
    }

    /**
     * The model of the document the safety walk has just read: parsing the file again with
     * {@code Bpmn.readModelFromStream} cost a second parse and two schema validations per file, and the engine
     * parses it once more when it deploys. A file the schema refuses is read the old way once more, so that its
     * refusal reads word for word as it always has.
     */
    private BpmnModelInstance readBpmn(String file, byte[] content, Document document) {
      BpmnModelInstance model = ParsedBpmn.modelOf(document);
      if (model != null) {
        return model;
      }
      try {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(content));
      } catch (RuntimeException e) {
        violation(file, "-", GuardRule.MC_1, "不是有效的 BPMN：" + e.getMessage(), "is not valid BPMN: " + e.getMessage());
        return null;
      }
    }

    private void checkBpmn(String file, BpmnModelInstance model) {
      Collection<Process> processes = model.getModelElementsByType(Process.class);
      String baseName = baseName(file);
      if (processes.stream().noneMatch(p -> p.getId().equals(baseName))) {
        violation(file, "-", GuardRule.MC_1, "文件名必须是流程标识（没有标识为 " + baseName + " 的流程）",
            "file name must be the process key (no process with id '" + baseName + "')");
      }
      for (Process process : processes) {
        String ttl = process.getCamundaHistoryTimeToLiveString();
        if (isBlank(ttl)) {
          violation(file, process.getId(), GuardRule.MC_2, "缺少历史保留期限（camunda:historyTimeToLive）",
              "has no camunda:historyTimeToLive");
        }
        if (!process.isExecutable()) {
          violation(file, process.getId(), GuardRule.MC_2, "流程不可执行（isExecutable）", "is not executable");
        }
      }

      Set<String> shapes = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
      Set<String> edges = new HashSet<>();
      model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(e.getBpmnElement().getId()));
      if (model.getDefinitions().getBpmDiagrams().isEmpty()) {
        violation(file, "-", GuardRule.MC_3, "缺少图形信息（BPMNDiagram）", "has no diagram interchange (BPMNDiagram)");
      }
      for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
        if (element.getId() != null && GENERATED_ID.matcher(element.getId()).matches()) {
          violation(file, element.getId(), GuardRule.MC_4, "使用了建模器自动生成的标识，请按类型和含义命名",
              "has a Modeler-generated id: name it by type and meaning");
        }
        checkName(file, element);
      }
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        checkFlowNode(file, node, shapes);
      }
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        checkFlow(file, flow, edges);
      }
    }

    /** Labels are read in Modeler, Tasklist and Cockpit: plain Chinese, no JUEL, no rule IDs. */
    private void checkName(String file, BaseElement element) {
      String name = element.getAttributeValue("name");
      if (name == null || element instanceof Process && name.isBlank()) {
        return;
      }
      if (ExpressionCheck.isExpression(name)) {
        violation(file, element.getId(), GuardRule.MC_5, "名称“" + name + "”含有表达式：请用固定名称，动态名称由任务监听器设置"
            + "（task.setName）", "name '" + name + "' contains an expression: give a plain name and set the dynamic one "
            + "with a task listener (task.setName)");
      }
      java.util.regex.Matcher rule = RULE_ID.matcher(name);
      if (rule.find()) {
        violation(file, element.getId(), GuardRule.MC_5, "名称“" + name + "”含有规则编号 " + rule.group()
            + "：规则编号请写在说明（bpmn:documentation）中", "name '" + name + "' carries rule ID " + rule.group()
            + ": put rule IDs in bpmn:documentation");
      }
    }

    private void checkFlow(String file, SequenceFlow flow, Set<String> edges) {
      if (!edges.contains(flow.getId())) {
        violation(file, flow.getId(), GuardRule.MC_3, "缺少连线图形（BPMNEdge），无法在建模器中显示",
            "has no BPMNEdge: it will not lay out in the Modeler");
      }
      if (flow.getName() != null && flow.getName().isBlank()) {
        violation(file, flow.getId(), GuardRule.MC_5, "标签为空", "has an empty label");
      }
      FlowNode source = flow.getSource();
      boolean decision = (source instanceof ExclusiveGateway || source instanceof InclusiveGateway)
          && source.getOutgoing().size() > 1;
      if (decision && isBlank(flow.getName())) {
        violation(file, flow.getId(), GuardRule.MC_5, "判断 " + source.getId() + " 的出口没有答案标签（如“是”/“否”）",
            "leaves the decision '" + source.getId() + "' without an answer label");
      }
    }

    private void checkFlowNode(String file, FlowNode node, Set<String> shapes) {
      String id = node.getId();
      if (!shapes.contains(id)) {
        violation(file, id, GuardRule.MC_3, "缺少图形（BPMNShape），无法在建模器中显示",
            "has no BPMNShape: it will not lay out in the Modeler");
      }
      boolean decision = node instanceof Gateway && node.getOutgoing().size() > 1
          && (node instanceof ExclusiveGateway || node instanceof InclusiveGateway);
      if ((node instanceof Activity || node instanceof Event || decision) && isBlank(node.getName())) {
        violation(file, id, GuardRule.MC_5, "没有标签", "has no label");
      } else if (node.getName() != null && node.getName().isBlank()) {
        violation(file, id, GuardRule.MC_5, "标签为空", "has an empty label");
      }
      if (node instanceof UserTask task) {
        checkUserTask(file, task);
      } else if (node instanceof StartEvent start && start.getCamundaFormRef() != null) {
        checkFormRef(file, id, start.getCamundaFormRef(), start.getCamundaFormRefBinding());
      } else if (node instanceof ServiceTask task) {
        checkDelegate(file, id, task.getCamundaDelegateExpression(), task.getCamundaType());
      } else if (node instanceof SendTask task) {
        checkDelegate(file, id, task.getCamundaDelegateExpression(), task.getCamundaType());
      } else if (node instanceof CallActivity call) {
        checkCall(file, call);
      }
    }

    private void checkCall(String file, CallActivity call) {
      String called = call.getCalledElement();
      if (isBlank(called)) {
        violation(file, call.getId(), GuardRule.MC_8, "没有指定被调用的流程", "calls no process (calledElement)");
      } else if (!ExpressionCheck.isExpression(called) && !processKeys.contains(called)
          && !deployedProcess.test(called)) {
        violation(file, call.getId(), GuardRule.MC_8, "调用的流程 " + called + " 既不在本次部署中，也未部署",
            "calls '" + called + "', which is neither in this deployment nor deployed");
      }
    }

    private void checkUserTask(String file, UserTask task) {
      String assignee = task.getCamundaAssignee();
      boolean groups = !isBlank(task.getCamundaCandidateGroups());
      boolean assigneeExpression = assignee != null && ExpressionCheck.isExpression(assignee);
      if (!groups && !assigneeExpression) {
        violation(file, task.getId(), GuardRule.MC_6, "既没有候选组，也没有办理人表达式",
            "has neither candidate groups nor an assignee expression");
      }
      if (assignee != null && !assigneeExpression) {
        violation(file, task.getId(), GuardRule.MC_6, "把办理人写死为 " + assignee + "，请用候选组或表达式",
            "hard-codes the assignee '" + assignee + "': use a group or an expression");
      }
      // Tasklist sorts and filters (即将到期, 已逾期) by due date and priority; a task without them is lost there.
      if (isBlank(task.getCamundaDueDate())) {
        violation(file, task.getId(), GuardRule.MC_6, "没有办理期限（camunda:dueDate）", "has no due date (camunda:dueDate)");
      }
      if (isBlank(task.getCamundaPriority())) {
        violation(file, task.getId(), GuardRule.MC_6, "没有优先级（camunda:priority）", "has no priority (camunda:priority)");
      }
      if (task.getCamundaFormRef() == null) {
        violation(file, task.getId(), GuardRule.MC_7, "没有表单（camunda:formRef）", "has no form (camunda:formRef)");
      } else {
        checkFormRef(file, task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
      }
    }

    private void checkFormRef(String file, String elementId, String formRef, String binding) {
      if (!"deployment".equals(binding)) {
        violation(file, elementId, GuardRule.MC_7, "必须以 camunda:formRefBinding=\"deployment\" 绑定表单",
            "must bind its form with camunda:formRefBinding=\"deployment\"");
      } else if (!ExpressionCheck.isExpression(formRef) && !formIds.containsKey(formRef)) {
        violation(file, elementId, GuardRule.MC_7, "引用的表单 " + formRef + " 不在本次部署中：请在建模器部署时"
            + "“包含附加文件”中加入 " + formRef + ".form（forms/ 目录）后重新部署",
            "refers to form '" + formRef + "', which is not in this deployment: add " + formRef
                + ".form (forms/) under 'Include additional files' and deploy again");
      }
    }

    private void checkDelegate(String file, String id, String delegateExpression, String type) {
      if (delegateExpression == null && !"external".equals(type)) {
        violation(file, id, GuardRule.DG_3, "必须通过 camunda:delegateExpression 调用本系统组件",
            "must call a Spring bean through camunda:delegateExpression");
      }
    }

    private void checkDmn(String file, byte[] content) {
      try {
        DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
          if (isBlank(decision.getCamundaHistoryTimeToLiveString())) {
            violation(file, decision.getId(), GuardRule.MC_2, "缺少历史保留期限（camunda:historyTimeToLive）",
                "has no camunda:historyTimeToLive");
          }
          if (isBlank(decision.getName())) {
            violation(file, decision.getId(), GuardRule.MC_5, "没有标签", "has no label");
          }
        }
      } catch (RuntimeException e) {
        violation(file, "-", GuardRule.MC_1, "不是有效的 DMN：" + e.getMessage(), "is not valid DMN: " + e.getMessage());
      }
    }

    private void checkForm(String file, byte[] content) {
      JsonNode form;
      try {
        form = new ObjectMapper().readTree(content);
      } catch (IOException e) {
        violation(file, "-", GuardRule.MC_1, "不是有效的 JSON：" + e.getMessage(), "is not valid JSON: " + e.getMessage());
        return;
      }
      String id = form.path("id").asText("");
      if (!id.equals(baseName(file))) {
        violation(file, "-", GuardRule.MC_1, "表单标识 " + id + " 必须与文件名相同",
            "form id '" + id + "' must equal the file name");
      }
      String other = formIds.put(id, file);
      if (other != null) {
        violation(file, "-", GuardRule.MC_1, "表单标识 " + id + " 已被 " + other + " 使用",
            "form id '" + id + "' is also used by " + other);
      }
      if (!"default".equals(form.path("type").asText())) {
        violation(file, "-", GuardRule.MC_1, "不是 Camunda 表单（type 必须为 \"default\"）",
            "is not a Camunda Form (type must be \"default\")");
      }
      if (form.path("schemaVersion").asInt(Integer.MAX_VALUE) > MAX_FORM_SCHEMA_VERSION) {
        violation(file, "-", GuardRule.MC_1, "schemaVersion 不得大于 " + MAX_FORM_SCHEMA_VERSION + "（任务列表 7.24）",
            "schemaVersion must be at most " + MAX_FORM_SCHEMA_VERSION + " (Tasklist 7.24)");
      }
      checkComponents(file, form.path("components"));
    }

    private void checkComponents(String file, JsonNode components) {
      for (JsonNode component : components) {
        String key = component.path("key").asText("");
        if (!key.isEmpty()) {
          String label = component.has("label") ? component.path("label").asText("")
              : component.path("dateLabel").asText(component.path("timeLabel").asText(""));
          if (label.isBlank()) {
            violation(file, key, GuardRule.MC_5, "表单字段没有标签", "form field has no label");
          }
          // The label is what the user reads and what refusals, the audit history and the dossier quote.
          java.util.regex.Matcher rule = RULE_ID.matcher(label);
          if (rule.find()) {
            violation(file, key, GuardRule.MC_5, "字段标签“" + label + "”含有规则编号 " + rule.group()
                + "：规则编号请写在字段说明（description）中", "field label '" + label + "' carries rule ID "
                + rule.group() + ": put rule IDs in the field's description");
          }
        }
        checkComponents(file, component.path("components"));
      }
    }

    private void violation(String file, String element, GuardRule rule, String zh, String en) {
      violations.add(new ModelViolation(file, element, rule, zh, en));
    }
  }

  static String fileName(String resourceName) {
    return resourceName.substring(resourceName.lastIndexOf('/') + 1);
  }

  private static String baseName(String file) {
    for (String suffix : List.of(".bpmn20.xml", ".dmn11.xml", ".bpmn", ".dmn", ".form")) {
      if (file.endsWith(suffix)) {
        return file.substring(0, file.length() - suffix.length());
      }
    }
    return file;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
