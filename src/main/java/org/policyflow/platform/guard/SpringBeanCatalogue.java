package org.policyflow.platform.guard;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.policyflow.PolicyflowApplication;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The application's beans as the guard sees them. A delegate bean must be the project's own class
 * (package {@code org.policyflow}) implementing a delegate or listener interface, so that a model cannot call
 * an engine or framework bean as its service logic. At start-up every published expression bean and method of
 * {@link ExpressionAllowList} must exist, so a typo in the allow-list stops the start instead of refusing
 * every model that uses the bean.
 */
@Component
public class SpringBeanCatalogue implements BeanCatalogue, SmartInitializingSingleton {

  private static final String PROJECT_PACKAGE = PolicyflowApplication.class.getPackageName() + ".";
  private static final List<Class<?>> DELEGATE_TYPES = List.of(JavaDelegate.class, ExecutionListener.class,
      TaskListener.class, DelegateVariableMapping.class);

  private final ConfigurableListableBeanFactory beans;
  private final ExpressionAllowList allowList;

  public SpringBeanCatalogue(ConfigurableListableBeanFactory beans, ExpressionAllowList allowList) {
    this.beans = beans;
    this.allowList = allowList;
  }

  @Override
  public boolean exists(String name) {
    return beans.containsBean(name);
  }

  @Override
  public boolean isProjectDelegate(String name) {
    Class<?> type = userType(name);
    return type != null && DELEGATE_TYPES.stream().anyMatch(delegate -> delegate.isAssignableFrom(type))
        && (type.getName().startsWith(PROJECT_PACKAGE) || declaredByProject(name));
  }

  /** A delegate made by a project {@code @Bean} method (typed as the engine's interface) is the project's own. */
  private boolean declaredByProject(String name) {
    if (!beans.containsBeanDefinition(name)) {
      return false;
    }
    String factory = beans.getMergedBeanDefinition(name).getFactoryBeanName();
    Class<?> factoryType = factory == null ? null : userType(factory);
    return factoryType != null && factoryType.getName().startsWith(PROJECT_PACKAGE);
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<String> problems = new ArrayList<>();
    allowList.expressionBeans().forEach((bean, methods) -> {
      Class<?> type = userType(bean);
      if (type == null) {
        problems.add("bean '" + bean + "' does not exist");
        return;
      }
      for (String method : methods) {
        boolean found = Arrays.stream(type.getMethods())
            .anyMatch(m -> m.getName().equals(method) && m.getDeclaringClass() != Object.class
                && !Modifier.isStatic(m.getModifiers()));
        if (!found) {
          problems.add("bean '" + bean + "' (" + type.getName() + ") has no public method " + method);
        }
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("policyflow.deployment-guard.expression-beans: " + problems);
    }
  }

  private Class<?> userType(String name) {
    if (!beans.containsBean(name)) {
      return null;
    }
    Class<?> type = beans.getType(name);
    return type == null ? null : ClassUtils.getUserClass(type);
  }
}
