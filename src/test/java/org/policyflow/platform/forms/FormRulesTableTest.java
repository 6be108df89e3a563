package org.policyflow.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Every rule of every form in {@code forms/}, generated from the forms themselves: for each field rule
 * one valid and one invalid submission through the engine REST API. An invalid one must answer 400
 * naming the field and the FORM-* rule, and change nothing (no new instance; the task still open, its
 * variables as before). A valid one must not be refused for that field; it is sent together with a
 * wrong value in another field (the "sentinel"), so it is refused for the sentinel alone and nothing
 * is created either.
 *
 * <p>Start forms are submitted to their real process (alternately {@code submit-form} and
 * {@code start}); task forms to a task of a test model that references the deployed form
 * (alternately {@code submit-form} and {@code complete}): reaching every real task needs its own
 * set-up, and the check depends only on the form a task references. A new form is covered without
 * new test code.
 */
@PolicyflowIntegrationTest
class FormRulesTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPTION_A = "opt-a";
  private static ProcessEngine usedEngine;
  private static final Map<String, ProcessInstance> openInstances = new HashMap<>();
  private static String testDeployment;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  @Autowired FormCheckProperties limits;

  /** One submission case: the values sent, and the field and rule a refusal must name (null: accepted). */
  private record Case(String name, Map<String, Object> values, String field, String rule) {}

  @TestFactory
  Stream<DynamicNode> everyFieldRuleOfEveryFormIsCheckedOnTheServer() throws IOException {
    usedEngine = engine;
    Map<String, String> startForms = startFormsByProcessKey();
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("forms"))) {
      files = list.filter(p -> p.toString().endsWith(".form")).sorted().toList();
    }
    List<String> taskForms = files.stream().map(FormRulesTableTest::formId)
        .filter(id -> !startForms.containsValue(id)).toList();
    deployTestModels(taskForms);
    List<DynamicNode> containers = new ArrayList<>();
    for (Path file : files) {
      FormSchema form = FormSchema.parse(Files.readAllBytes(file));
      String processKey = startForms.entrySet().stream().filter(e -> e.getValue().equals(form.formId()))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      List<Case> cases = cases(form, processKey == null);
      List<DynamicTest> tests = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        boolean alternate = i % 2 == 1;
        tests.add(DynamicTest.dynamicTest(c.name(), processKey == null
            ? () -> submitTaskForm(form, c, alternate)
            : () -> submitStartForm(processKey, c, alternate)));
      }
      assertThat(tests.isEmpty() && form.fields().stream().anyMatch(f -> !f.readOnly()))
          .as("form %s has rules to test", form.formId()).isFalse();
      containers.add(DynamicContainer.dynamicContainer(form.formId(), tests));
    }
    return containers.stream();
  }

  @AfterAll
  static void removeTestModels() {
    openInstances.clear();
    if (testDeployment != null) {
      usedEngine.getRepositoryService().deleteDeployment(testDeployment, true, true);
      testDeployment = null;
    }
  }

  // --- cases generated from a form -------------------------------------------------------------

  private List<Case> cases(FormSchema form, boolean taskForm) {
    List<Case> cases = new ArrayList<>();
    Map<String, Object> baseline = baseline(form.fields());
    for (FormSchema.Field field : form.fields()) {
      if (field.readOnly()) {
        continue;
      }
      Map<String, Object> visible = visibleFor(form, field, baseline);
      if (visible == null) {
        continue;
      }
      for (Rule rule : rules(field, taskForm)) {
        String sentinel = sentinel(form, field, visible, taskForm);
        Map<String, Object> valid = new LinkedHashMap<>(visible);
        rule.apply(valid, field.key(), rule.valid);
        if (sentinel != null) {
          valid.put(sentinel, breaking(form.fields().stream().filter(f -> f.key().equals(sentinel)).findFirst().get()));
        }
        cases.add(new Case(field.key() + " " + rule.id + " valid: " + brief(rule.valid), valid, rule.fieldName(field),
            null));
        Map<String, Object> invalid = new LinkedHashMap<>(visible);
        rule.apply(invalid, field.key(), rule.invalid);
        cases.add(new Case(field.key() + " " + rule.id + " invalid: " + brief(rule.invalid), invalid,
            rule.fieldName(field), rule.id));
      }
    }
    return cases;
  }

  /** A rule of one field, with a value that keeps it and one that breaks it (MISSING: left out). */
  private static final class Rule {
    static final Object MISSING = new Object();
    final String id;
    final Object valid;
    final Object invalid;
    final FormSchema.Field row;

    Rule(String id, Object valid, Object invalid) {
      this(id, valid, invalid, null);
    }

    Rule(String id, Object valid, Object invalid, FormSchema.Field row) {
      this.id = id;
      this.valid = valid;
      this.invalid = invalid;
      this.row = row;
    }

    String fieldName(FormSchema.Field field) {
      return row == null ? field.key() : field.key() + "[0]." + row.key();
    }

    @SuppressWarnings("unchecked")
    void apply(Map<String, Object> values, String key, Object value) {
      if (row != null) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> first = new LinkedHashMap<>(((List<Map<String, Object>>) values.get(key)).get(0));
        if (value == MISSING) {
          first.remove(row.key());
        } else {
          first.put(row.key(), value);
        }
        rows.add(first);
        values.put(key, rows);
      } else if (value == MISSING) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
    }
  }

  private List<Rule> rules(FormSchema.Field field, boolean taskForm) {
    List<Rule> rules = new ArrayList<>();
    Object good = valid(field);
    if (field.required() && !field.hideUnknown()) {
      rules.add(new Rule("FORM-REQUIRED", good, field.type().equals("checkbox") ? Boolean.FALSE : Rule.MISSING));
    }
    switch (field.type()) {
      case "textfield", "textarea" -> {
        if (field.minLength() != null && field.minLength() > 1) {
          rules.add(new Rule("FORM-MINLENGTH", text(field, field.minLength()), text(field, field.minLength() - 1)));
        }
        if (field.maxLength() != null) {
          rules.add(new Rule("FORM-MAXLENGTH", text(field, field.maxLength()), text(field, field.maxLength() + 1)));
        } else if (field.patternText() == null || PatternSample.of(field.patternText(), limits.textLimit()) != null) {
          rules.add(new Rule("FORM-TEXT-LIMIT", text(field, limits.textLimit()), text(field, limits.textLimit() + 1)));
        }
        if (field.pattern() != null) {
          String wrong = "~".repeat(Math.max(field.minLength() == null ? 1 : field.minLength(), 1));
          if (!field.pattern().matcher(wrong).find()) {
            rules.add(new Rule("FORM-PATTERN", good, wrong));
          }
        }
        rules.add(new Rule("FORM-TYPE", good, Boolean.TRUE));
      }
      case "number" -> {
        if (field.min() != null) {
          rules.add(new Rule("FORM-MIN", number(field.min()), number(field.min().subtract(BigDecimal.ONE))));
        }
        if (field.max() != null) {
          rules.add(new Rule("FORM-MAX", number(field.max()), number(field.max().add(BigDecimal.ONE))));
        }
        rules.add(new Rule("FORM-TYPE", good, "twelve"));
      }
      case "checkbox" -> rules.add(new Rule("FORM-TYPE", good, "yes"));
      case "datetime" -> rules.add(new Rule("FORM-TYPE", good, "2025年3月1日"));
      case "radio", "select" -> {
        if (field.options() != null || taskForm) {
          rules.add(new Rule("FORM-OPTION", good, "不在选项中"));
        }
      }
      case "checklist", "taglist" -> {
        if (field.options() != null || taskForm) {
          rules.add(new Rule("FORM-OPTION", good, List.of("不在选项中")));
        }
        rules.add(new Rule("FORM-TYPE", good, "yes"));
      }
      case "dynamiclist" -> {
        rules.add(new Rule("FORM-TYPE", good, "yes"));
        rules.add(new Rule("FORM-TYPE", good, List.of("yes")));
        for (FormSchema.Field row : field.rowFields()) {
          if (row.readOnly()) {
            continue;
          }
          for (Rule rowRule : rules(row, taskForm)) {
            rules.add(new Rule(rowRule.id, rowRule.valid, rowRule.invalid, row));
          }
        }
      }
      default -> { }
    }
    return rules;
  }

  private Map<String, Object> baseline(List<FormSchema.Field> fields) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (FormSchema.Field field : fields) {
      if (!field.readOnly()) {
        values.put(field.key(), valid(field));
      }
    }
    return values;
  }

  private Object valid(FormSchema.Field field) {
    return switch (field.type()) {
      case "textfield", "textarea" -> field.patternText() != null ? shortestMatching(field)
          : text(field, Math.max(field.minLength() == null ? 0 : field.minLength(),
              Math.min(6, field.maxLength() == null ? 6 : field.maxLength())));
      case "number" -> number(field.min() != null ? field.min() : field.max() != null
          ? field.max().min(BigDecimal.ONE) : BigDecimal.ONE);
      case "checkbox" -> Boolean.TRUE;
      case "radio", "select" -> field.options() != null ? field.options().iterator().next() : OPTION_A;
      case "checklist", "taglist" -> List.of(field.options() != null ? field.options().iterator().next() : OPTION_A);
      case "datetime" -> "time".equals(field.subtype()) ? "09:30"
          : "datetime".equals(field.subtype()) ? "2025-03-01T09:30" : "2025-03-01";
      case "dynamiclist" -> List.of(baseline(field.rowFields()));
      default -> null;
    };
  }

  private static Object number(BigDecimal value) {
    return value.stripTrailingZeros().scale() <= 0 ? (Object) value.longValueExact() : value.doubleValue();
  }

  private static String shortestMatching(FormSchema.Field field) {
    int from = Math.max(field.minLength() == null ? 1 : field.minLength(), 1);
    int to = field.maxLength() == null ? 200 : field.maxLength();
    for (int length = from; length <= to; length++) {
      String sample = PatternSample.of(field.patternText(), length);
      if (sample != null) {
        return sample;
      }
    }
    throw new AssertionError("no sample for pattern " + field.patternText() + " of " + field.key());
  }

  /** A text of the given length that matches the field's pattern when it has one. */
  private static String text(FormSchema.Field field, int length) {
    if (field.patternText() == null) {
      return "测".repeat(length);
    }
    String generated = PatternSample.of(field.patternText(), length);
    if (generated != null) {
      return generated;
    }
    // No text of this length matches (a length rule's invalid case): a matching sample cut or padded.
    for (int other = 1; other <= 200; other++) {
      String sample = PatternSample.of(field.patternText(), other);
      if (sample != null) {
        return sample.length() >= length ? sample.substring(0, length)
            : sample + String.valueOf(sample.charAt(sample.length() - 1)).repeat(length - sample.length());
      }
    }
    throw new AssertionError("no sample for pattern " + field.patternText() + " of " + field.key());
  }

  /** The baseline changed, if needed, so that the field is shown (its hide condition false); null if impossible. */
  private Map<String, Object> visibleFor(FormSchema form, FormSchema.Field field, Map<String, Object> baseline) {
    if (field.hide() == null || !field.hide().hides(baseline::get)) {
      return baseline;
    }
    for (FormSchema.Field choice : form.fields()) {
      if (choice.options() == null || choice.readOnly()) {
        continue;
      }
      for (String option : choice.options()) {
        Map<String, Object> changed = new LinkedHashMap<>(baseline);
        changed.put(choice.key(), option);
        if (!field.hide().hides(changed::get)) {
          return changed;
        }
      }
    }
    return null;
  }

  /** Another field given a wrong value, so that a valid case is refused for that one alone. */
  private String sentinel(FormSchema form, FormSchema.Field tested, Map<String, Object> values, boolean taskForm) {
    for (FormSchema.Field other : form.fields()) {
      if (other == tested || other.readOnly() || other.hide() != null || other.hideUnknown()
          || (other.isChoice() && other.options() == null && !taskForm)) {
        continue;
      }
      Map<String, Object> changed = new HashMap<>(values);
      changed.put(other.key(), breaking(other));
      if (tested.hide() == null || !tested.hide().hides(changed::get)) {
        return other.key();
      }
    }
    return null;
  }

  private static Object breaking(FormSchema.Field field) {
    return switch (field.type()) {
      case "textfield", "textarea" -> Boolean.TRUE;
      case "radio", "select" -> "不在选项中";
      default -> "yes";
    };
  }

  // --- submissions ---------------------------------------------------------------------------

  private void submitStartForm(String processKey, Case c, boolean throughStart) {
    long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(processKey).count();
    long historic = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
    ResponseEntity<Map> response = http.withBasicAuth("demo", "demo").postForEntity(
        "/engine-rest/process-definition/key/" + processKey + (throughStart ? "/start" : "/submit-form"),
        Map.of("variables", rest(c.values())), Map.class);
    assertRefusal(c, response);
    if (response.getStatusCode().is2xxSuccessful()) {
      // A valid case without a sentinel (a form with one field): it started; remove it again.
      String id = (String) response.getBody().get("id");
      engine.getRuntimeService().deleteProcessInstance(id, "test", true, true);
      engine.getHistoryService().deleteHistoricProcessInstance(id);
      return;
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(processKey).count())
        .as("no new instance").isEqualTo(running);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count())
        .as("nothing in history").isEqualTo(historic);
  }

  private void submitTaskForm(FormSchema form, Case c, boolean throughComplete) {
    // One open test instance per form serves every case until a valid case completes its task.
    ProcessInstance instance = openInstances.get(form.formId());
    if (instance == null
        || engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0) {
      instance = engine.getRuntimeService().startProcessInstanceByKey(testModelKey(form.formId()), optionVariables(form));
      openInstances.put(form.formId(), instance);
    }
    {
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
      Map<String, String> before = asText(engine.getRuntimeService().getVariables(instance.getId()));
      before.remove("ruleRefusals");
      ResponseEntity<Map> response = http.withBasicAuth("demo", "demo").postForEntity(
          "/engine-rest/task/" + task.getId() + (throughComplete ? "/complete" : "/submit-form"),
          Map.of("variables", rest(c.values())), Map.class);
      assertRefusal(c, response);
      if (response.getStatusCode().is2xxSuccessful()) {
        return;
      }
      assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
      Map<String, String> after = asText(engine.getRuntimeService().getVariables(instance.getId()));
      after.remove("ruleRefusals");
      assertThat(after).as("variables unchanged").isEqualTo(before);
    }
  }

  private static Map<String, String> asText(Map<String, Object> variables) {
    Map<String, String> text = new HashMap<>();
    variables.forEach((name, value) -> text.put(name, String.valueOf(value)));
    return text;
  }

  @SuppressWarnings("unchecked")
  private static void assertRefusal(Case c, ResponseEntity<Map> response) {
    if (c.rule() == null && response.getStatusCode().is2xxSuccessful()) {
      return;
    }
    assertThat(response.getStatusCode().value()).as("%s: %s", c.name(), response.getBody()).isEqualTo(400);
    List<Map<String, Object>> violations = (List<Map<String, Object>>) response.getBody().get("violations");
    assertThat(violations).as("violations of %s: %s", c.name(), response.getBody()).isNotNull();
    if (c.rule() != null) {
      assertThat(violations).as(c.name()).anySatisfy(v -> {
        assertThat(v).containsEntry("field", c.field()).containsEntry("ruleId", c.rule());
        assertThat((String) v.get("reasonZh")).isNotBlank();
        assertThat((String) v.get("reasonEn")).isNotBlank();
      });
    } else {
      // The process's own rules may still refuse the value (e.g. TIC-Q1 on a licensing year): not the form's.
      assertThat(violations).as("%s must not be refused by a form rule for %s", c.name(), c.field())
          .noneSatisfy(v -> assertThat(v.get("field") + " " + v.get("ruleId")).startsWith(c.field() + " FORM-"));
    }
  }

  private static Map<String, Object> rest(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (value instanceof List || value instanceof Map) {
        try {
          variables.put(name, Map.of("value", JSON.writeValueAsString(value), "type", "Json"));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      } else {
        Map<String, Object> variable = new HashMap<>();
        variable.put("value", value);
        variables.put(name, variable);
      }
    });
    return variables;
  }

  // --- models --------------------------------------------------------------------------------

  /** Top-level start events that reference a form, by process key (latest versions of processes/). */
  private Map<String, String> startFormsByProcessKey() {
    Map<String, String> forms = new LinkedHashMap<>();
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
        .latestVersion().list()) {
      if (definition.getKey().startsWith("form-check-")) {
        continue;
      }
      BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getParentElement() instanceof Process process && process.getId().equals(definition.getKey())
            && start.getCamundaFormRef() != null) {
          forms.put(definition.getKey(), start.getCamundaFormRef());
        }
      }
    }
    return forms;
  }

  private void deployTestModels(List<String> formIds) {
    if (testDeployment != null) {
      return;
    }
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("form-check-test-models");
    for (String formId : formIds) {
      // Built to the deployment guard's conventions: labels, a group, due date, priority, the form alongside.
      BpmnModelInstance model = Bpmn.createExecutableProcess(testModelKey(formId)).name("表单规则测试")
          .camundaHistoryTimeToLive(1).startEvent("StartEvent_Form").name("开始")
          .userTask("Task_Form").name("填写表单").camundaCandidateGroups("camunda-admin").camundaDueDate("P1D")
          .camundaPriority("50").camundaFormRef(formId).camundaFormRefBinding("deployment")
          .endEvent("EndEvent_Form").name("结束").done();
      deployment.addModelInstance(testModelKey(formId) + ".bpmn", model);
      deployment.addClasspathResource("forms/" + formId + ".form");
    }
    Deployment deployed = deployment.deploy();
    testDeployment = deployed.getId();
  }

  private static String testModelKey(String formId) {
    return "form-check-" + formId;
  }

  /** Fields whose options come from a variable get two options, as the process would provide them. */
  private static Map<String, Object> optionVariables(FormSchema form) {
    Map<String, Object> variables = new HashMap<>();
    Stream.concat(form.fields().stream(), form.fields().stream()
            .filter(f -> f.rowFields() != null).flatMap(f -> f.rowFields().stream()))
        .map(FormSchema.Field::valuesKey).filter(Objects::nonNull).forEach(key -> variables.put(key,
            org.camunda.spin.Spin.JSON(List.of(Map.of("label", "甲", "value", OPTION_A), Map.of("label", "乙", "value", "opt-b")))));
    return variables;
  }

  private static String formId(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".form".length());
  }

  private static String brief(Object value) {
    String text = value == Rule.MISSING ? "(left out)" : String.valueOf(value);
    return text.length() > 30 ? text.substring(0, 12) + "…(" + text.length() + " chars)" : text;
  }
}
