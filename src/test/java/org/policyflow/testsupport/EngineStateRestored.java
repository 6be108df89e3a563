package org.policyflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Leaves the shared engine as each test found it: the engine clock back on real time, no authenticated
 * user left on the thread, and the process instances the test registered deleted (skipping listeners, so
 * a cleanup never meets a rule). Every integration test shares one application, so one test's moved
 * clock or running instances would otherwise leak into the next. Inject {@link Started} to register.
 */
public class EngineStateRestored implements AfterEachCallback, ParameterResolver {

  /** The instances a test started and wants removed afterwards. */
  public static final class Started {
    private final List<String> ids = new ArrayList<>();

    public ProcessInstance add(ProcessInstance instance) {
      ids.add(instance.getId());
      return instance;
    }
  }

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EngineStateRestored.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Started.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, key -> new Started(), Started.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
    ProcessEngine engine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
    engine.getIdentityService().clearAuthentication();
    // A constructor parameter is resolved in the class's context, a method parameter in the method's:
    // get() looks in both.
    Started started = context.getStore(NAMESPACE).get(Started.class, Started.class);
    if (started == null) {
      return;
    }
    RuntimeService runtime = engine.getRuntimeService();
    for (String id : started.ids) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test cleanup", true);
      }
    }
    started.ids.clear();
  }
}
