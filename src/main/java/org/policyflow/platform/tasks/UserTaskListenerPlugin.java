package org.policyflow.platform.tasks;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.policyflow.platform.reminders.ReminderNotifier;
import org.policyflow.platform.reminders.ReminderProperties;
import org.policyflow.platform.reminders.TaskReminderJobHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds the project's task listeners to every user task of every deployed model (participants' history
 * rights, due-date reminders), so that process
 * owners need not repeat them in the Modeler (and cannot forget them). Registered as a parse
 * listener: it applies to models deployed from processes/, the Modeler and the REST API alike.
 */
@Component
public class UserTaskListenerPlugin extends AbstractProcessEnginePlugin {

  private final TaskParticipantAccess participantAccess = new TaskParticipantAccess();
  private final TaskReminderJobHandler reminders;

  public UserTaskListenerPlugin(ReminderProperties reminderProperties, ObjectProvider<ReminderNotifier> notifier) {
    // The notifier is looked up when a reminder fires, long after the engine (and this plugin) started.
    this.reminders = new TaskReminderJobHandler(reminderProperties.lead(), notifier::getObject);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        add(definition, TaskListener.EVENTNAME_CREATE, participantAccess);
        add(definition, TaskListener.EVENTNAME_ASSIGNMENT, participantAccess);
        add(definition, TaskListener.EVENTNAME_CREATE, reminders.scheduler());
      }
    });
    List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomJobHandlers());
    handlers.add(reminders);
    configuration.setCustomJobHandlers(handlers);
    configuration.setCustomPostBPMNParseListeners(listeners);
    // Per-instance history rights (TaskParticipantAccess) only count with this switch on.
    configuration.setEnableHistoricInstancePermissions(true);
  }

  private static void add(TaskDefinition definition, String event, TaskListener listener) {
    definition.addBuiltInTaskListener(event, listener);
  }
}
