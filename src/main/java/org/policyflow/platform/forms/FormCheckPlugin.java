package org.policyflow.platform.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.form.entity.CamundaFormDefinitionManager;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.rules.TaskCompletionCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks every start-form and task-form submission against the deployed Camunda Form that the start
 * event or user task references, whichever client sends it: Tasklist, the engine REST API
 * ({@code submit-form}, {@code start}, {@code complete}), the project's own endpoints or Java code.
 * The form is the one source of its rules: a process owner who tightens a form in the Modeler tightens
 * the server with it.
 *
 * <p>A command interceptor inside the command context, before the command runs: a refusal
 * ({@link FormRuleException}) leaves nothing started, completed or stored. Before refusing, the
 * engine's own permission check runs, so someone who may not start or work on it learns nothing about
 * the form (403, as without the check). The interceptor also drops the values of fields the form
 * shows read-only, and stores texts over 4,000 characters as JSON values, because a String variable
 * of that length fails on the history insert.
 *
 * <p>Other conditions of completing a task ({@link TaskCompletionCheck} beans, such as the case dossier's
 * required documents) run in the same place and are refused together with the form's rules, so the user
 * sees everything that is missing at once and one boundary covers every HTTP route.
 *
 * <p>Only submissions from outside are checked ({@link SubmissionBoundaryFilter}: every HTTP route),
 * and only the outermost command: a delegate that completes or starts something inside a checked step,
 * and in-process Java code, act for the system.
 */
@Component
public class FormCheckPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(FormCheckPlugin.class);
  /** Longer String values fail on insert into ACT_HI_VARINST.TEXT_ (varchar 4000). */
  static final int LONGEST_STRING_VARIABLE = 4000;
  private static final String START = "#start";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final VarHandle COMPLETE_TASK_ID = handle(CompleteTaskCmd.class, "taskId", String.class);
  private static final VarHandle COMPLETE_VARIABLES = handle(CompleteTaskCmd.class, "variables", Map.class);
  private static final VarHandle SUBMIT_TASK_ID = handle(SubmitTaskFormCmd.class, "taskId", String.class);
  private static final VarHandle SUBMIT_TASK_VARIABLES = handle(SubmitTaskFormCmd.class, "properties", VariableMap.class);
  private static final VarHandle START_FORM_DEFINITION = handle(SubmitStartFormCmd.class, "processDefinitionId", String.class);
  private static final VarHandle START_FORM_VARIABLES = handle(SubmitStartFormCmd.class, "variables", VariableMap.class);
  private static final VarHandle START_BUILDER =
      handle(StartProcessInstanceCmd.class, "instantiationBuilder", ProcessInstantiationBuilderImpl.class);

  private final FormSubmissionCheck check;
  /** Further conditions of completing a task (required documents), refused together with the form's. */
  private final ObjectProvider<TaskCompletionCheck> completionChecks;
  /** Parsed forms by form definition id: a deployed form never changes. */
  private final Map<String, FormSchema> forms = new ConcurrentHashMap<>();
  /**
   * Form definition id ("" for none) by process definition id and activity, for the deployment and
   * version bindings, which cannot change for a deployed process definition.
   */
  private final Map<String, String> formOfActivity = new ConcurrentHashMap<>();
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  public FormCheckPlugin(FormCheckProperties properties, ObjectProvider<TaskCompletionCheck> completionChecks) {
    this.check = new FormSubmissionCheck(properties.textLimit());
    this.completionChecks = completionChecks;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  private final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      int[] level = depth.get();
      if (level[0]++ == 0 && SubmissionBoundaryFilter.fromOutside()) {
        try {
          checkSubmission(command, Context.getCommandContext());
        } catch (RuntimeException e) {
          level[0]--;
          throw e;
        }
      }
      try {
        return next.execute(command);
      } finally {
        level[0]--;
      }
    }
  }

  private void checkSubmission(Command<?> command, CommandContext context) {
    if (command instanceof CompleteTaskCmd) {
      checkTask(context, (String) COMPLETE_TASK_ID.get(command), (Map<String, Object>) COMPLETE_VARIABLES.get(command),
          replacement -> COMPLETE_VARIABLES.set(command, replacement));
    } else if (command instanceof SubmitTaskFormCmd) {
      checkTask(context, (String) SUBMIT_TASK_ID.get(command), (Map<String, Object>) SUBMIT_TASK_VARIABLES.get(command),
          replacement -> SUBMIT_TASK_VARIABLES.set(command, Variables.fromMap(replacement)));
    } else if (command instanceof SubmitStartFormCmd) {
      ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
          .findProcessDefinitionFromCache((String) START_FORM_DEFINITION.get(command));
      if (definition == null) {
        definition = context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedProcessDefinitionById((String) START_FORM_DEFINITION.get(command));
      }
      checkStart(context, definition, (Map<String, Object>) START_FORM_VARIABLES.get(command),
          replacement -> START_FORM_VARIABLES.set(command, Variables.fromMap(replacement)));
    } else if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) START_BUILDER.get(command);
      ProcessDefinitionEntity definition;
      try {
        definition = new GetDeployedProcessDefinitionCmd(builder, false).execute(context);
      } catch (RuntimeException unknown) {
        return; // the command itself reports the unknown definition
      }
      Map<String, Object> variables = builder.getVariables();
      checkStart(context, definition, variables, replacement -> {
        variables.clear();
        variables.putAll(replacement);
      });
    }
  }

  private interface Replace {
    void with(Map<String, Object> variables);
  }

  private void checkTask(CommandContext context, String taskId, Map<String, Object> variables, Replace replace) {
    if (taskId == null) {
      return;
    }
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getProcessDefinitionId() == null) {
      return;
    }
    TaskDefinition taskDefinition = task.getTaskDefinition();
    if (taskDefinition == null) {
      return;
    }
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
    FormSchema form = form(context, definition, task.getTaskDefinitionKey(), taskDefinition.getFormDefinition());
    List<RuleViolation> violations = new ArrayList<>();
    if (form != null) {
      violations.addAll(check.check(form, plainValues(variables),
          name -> plain(task.getVariable(name)),
          name -> FormSubmissionCheck.optionValues(plain(task.getVariable(name)))));
    }
    completionChecks.orderedStream().forEach(completion -> violations.addAll(completion.violations(task)));
    if (!violations.isEmpty()) {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkTaskWork(task);
      }
      // Kept in the instance's refusal history like any rule refusal (the task itself stays as it was).
      throw (FormRuleException) new FormRuleException(violations, definition.getKey(), task.getTaskDefinitionKey(),
          form == null ? null : form.formId()).in(task.getProcessInstanceId(), task.getTaskDefinitionKey());
    }
    if (form != null) {
      store(form, variables, replace);
    }
  }

  private void checkStart(CommandContext context, ProcessDefinitionEntity definition, Map<String, Object> variables,
      Replace replace) {
    if (definition == null) {
      return;
    }
    FormSchema form = form(context, definition, START, definition.getStartFormDefinition());
    List<RuleViolation> violations = new ArrayList<>();
    initiatorSubmitted(definition, form, variables).ifPresent(violations::add);
    if (form != null) {
      violations.addAll(check.check(form, plainValues(variables), name -> null, name -> null));
    }
    if (!violations.isEmpty()) {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkCreateProcessInstance(definition);
      }
      String startActivity = definition.getInitial() == null ? null : definition.getInitial().getId();
      throw new FormRuleException(violations, definition.getKey(), startActivity, form == null ? null : form.formId());
    }
    if (form != null) {
      store(form, variables, replace);
    }
  }

  /**
   * The start event's initiator variable ({@code camunda:initiator}, e.g. a partner application's
   * {@code applicant}) is the engine's record of who started the case; the engine sets it before the
   * submitted variables, so a submitted value would replace it and the case would belong to someone else.
   * Refused unless the start form itself shows such a field (FORM-INITIATOR).
   */
  private static Optional<RuleViolation> initiatorSubmitted(ProcessDefinitionEntity definition,
      FormSchema form, Map<String, Object> variables) {
    Object name = definition.getProperty(BpmnParse.PROPERTYNAME_INITIATOR_VARIABLE_NAME);
    if (!(name instanceof String initiator) || variables == null || !variables.containsKey(initiator)
        || (form != null && form.fields().stream().anyMatch(field -> field.key().equals(initiator)))) {
      return Optional.empty();
    }
    return Optional.of(new RuleViolation("FORM-INITIATOR", initiator,
        "发起人由系统按登录用户记录，不能随申报提交",
        "The initiator is recorded from the signed-in user and cannot be submitted"));
  }

  /**
   * What the engine stores of an accepted submission: without the read-only fields' values, and with
   * long texts as JSON-serialised strings (Java code still reads a String; Tasklist parses JSON values).
   */
  private static void store(FormSchema form, Map<String, Object> variables, Replace replace) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    Map<String, Object> changed = null;
    for (FormSchema.Field field : form.fields()) {
      if (!variables.containsKey(field.key())) {
        continue;
      }
      if (field.readOnly()) {
        changed = changed == null ? copy(variables) : changed;
        changed.remove(field.key());
      } else if (field.isText()
          && plain(value(variables, field.key())) instanceof String text && text.length() > LONGEST_STRING_VARIABLE) {
        changed = changed == null ? copy(variables) : changed;
        changed.put(field.key(), Variables.objectValue(text)
            .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
      }
    }
    if (changed != null) {
      replace.with(changed);
    }
  }

  /**
   * A changeable copy that keeps each value's type: a value Tasklist sends still serialised (a list
   * as an Object in JSON) cannot be read as a plain value before the engine deserialises it.
   */
  private static Map<String, Object> copy(Map<String, Object> variables) {
    if (variables instanceof VariableMap typed) {
      VariableMap copy = Variables.createVariables();
      for (String name : typed.keySet()) {
        copy.putValueTyped(name, typed.getValueTyped(name));
      }
      return copy;
    }
    return new LinkedHashMap<>(variables);
  }

  private FormSchema form(CommandContext context, ProcessDefinitionEntity process, String activity,
      FormDefinition reference) {
    String cacheKey = process.getId() + activity;
    String known = formOfActivity.get(cacheKey);
    if (known != null) {
      return known.isEmpty() ? null : forms.get(known);
    }
    CamundaFormDefinitionEntity definition = null;
    boolean fixed = true;
    Expression key = reference == null ? null : reference.getCamundaFormDefinitionKey();
    if (key != null && !isExpression(key.getExpressionText())) {
      String binding = reference.getCamundaFormDefinitionBinding();
      CamundaFormDefinitionManager manager = context.getCamundaFormDefinitionManager();
      if (binding == null || binding.equals(DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT)) {
        definition = manager.findDefinitionByDeploymentAndKey(process.getDeploymentId(), key.getExpressionText());
      } else if (binding.equals(DefaultFormHandler.FORM_REF_BINDING_VERSION)
          && reference.getCamundaFormDefinitionVersion() != null
          && reference.getCamundaFormDefinitionVersion().getExpressionText().matches("[0-9]+")) {
        definition = manager.findDefinitionByKeyVersionAndTenantId(key.getExpressionText(),
            Integer.valueOf(reference.getCamundaFormDefinitionVersion().getExpressionText()), process.getTenantId());
      } else if (binding.equals(DefaultFormHandler.FORM_REF_BINDING_LATEST)) {
        definition = manager.findLatestDefinitionByKey(key.getExpressionText());
        fixed = false;
      }
    } else if (key != null) {
      // A form chosen by an expression at run time: the engine resolves it, the server cannot know it here.
      fixed = true;
    }
    FormSchema form = null;
    if (definition != null) {
      CamundaFormDefinitionEntity found = definition;
      form = forms.computeIfAbsent(found.getId(), id -> parse(context, found));
    }
    if (fixed) {
      formOfActivity.put(cacheKey, definition == null ? "" : definition.getId());
    }
    return form;
  }

  private static FormSchema parse(CommandContext context, CamundaFormDefinitionEntity definition) {
    ResourceEntity resource = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    return FormSchema.parse(resource.getBytes());
  }

  private static boolean isExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  private static Map<String, Object> plainValues(Map<String, Object> variables) {
    if (variables == null) {
      return Map.of();
    }
    Map<String, Object> plain = new HashMap<>();
    for (String name : variables.keySet()) {
      plain.put(name, plain(value(variables, name)));
    }
    return plain;
  }

  private static Object value(Map<String, Object> variables, String name) {
    return variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
  }

  /** A variable's value as plain Java: TypedValue unwrapped, JSON (Spin or serialised) parsed. */
  static Object plain(Object value) {
    if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      String format = serializable.getSerializationDataFormat();
      return format != null && format.startsWith(Variables.SerializationDataFormats.JSON.getName())
          ? parseJson(serializable.getValueSerialized()) : serializable;
    }
    if (value instanceof TypedValue typed) {
      value = typed.getValue();
    }
    if (value instanceof SpinJsonNode json) {
      return parseJson(json.toString());
    }
    return value;
  }

  private static Object parseJson(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Object.class);
    } catch (Exception e) {
      return json; // not JSON: checked as the text it is
    }
  }

  private static VarHandle handle(Class<?> owner, String field, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, field, type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Engine command " + owner.getName() + " has no field " + field
          + ": the form check needs adapting to this Camunda version", e);
    }
  }
}
