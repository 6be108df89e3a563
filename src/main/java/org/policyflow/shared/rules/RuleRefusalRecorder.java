package org.policyflow.shared.rules;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps every rule refusal in the history of the instance it concerns. A refused step rolls back (the
 * person loses nothing and can correct the entry), which would also erase the fact that a rule blocked
 * it; after the rollback this interceptor appends the refusal — rule, field, reasons, activity, user,
 * time — to the instance's {@code ruleRefusals} variable in a transaction of its own.
 *
 * <p>Each refusal is also logged once, in one INFO line (user, where, rule and field of each
 * violation): refused input is no fault, so no stack trace ({@code org.policyflow.platform.RefusalLogFilter}
 * keeps the engine's own ERROR entry for it out of the log).
 */
@Component
public class RuleRefusalRecorder extends AbstractProcessEnginePlugin {

  public static final String VARIABLE = "ruleRefusals";
  private static final Logger LOG = LoggerFactory.getLogger(RuleRefusalRecorder.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Interceptor(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private static final class Interceptor extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    Interceptor(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      Authentication actor = configuration.getIdentityService().getCurrentAuthentication();
      boolean outermost = Context.getCommandContext() == null;
      try {
        return next.execute(command);
      } catch (PolicyRuleException refusal) {
        if (refusal.processInstanceId() != null) {
          record(configuration.getCommandExecutorTxRequiresNew(), refusal, actor);
        }
        if (outermost) {
          log(refusal.violations(), refusal.where(), actor);
        }
        throw refusal;
      } catch (MessageRuleException refusal) {
        if (outermost) {
          log(List.of(refusal.violation()), "message", actor);
        }
        throw refusal;
      }
    }

    private static void log(List<RuleViolation> violations, String where, Authentication actor) {
      StringBuilder rules = new StringBuilder();
      for (RuleViolation violation : violations) {
        rules.append(rules.length() == 0 ? "" : ", ").append(violation.ruleId()).append(' ').append(violation.field());
      }
      LOG.info("Refused: user={} {} rules=[{}]", actor == null ? null : actor.getUserId(), where, rules);
    }

    private static void record(CommandExecutor executor, PolicyRuleException refusal, Authentication actor) {
      executor.execute(context -> {
        ExecutionEntity instance = context.getExecutionManager().findExecutionById(refusal.processInstanceId());
        if (instance == null) {
          return null;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refusals = instance.getVariable(VARIABLE) instanceof List<?> existing
            ? new ArrayList<>((List<Map<String, Object>>) existing) : new ArrayList<>();
        Date at = ClockUtil.getCurrentTime();
        for (RuleViolation violation : refusal.violations()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("rule", violation.ruleId());
          entry.put("field", violation.field());
          entry.put("reasonZh", violation.reasonZh());
          entry.put("reasonEn", violation.reasonEn());
          entry.put("activityId", refusal.activityId());
          entry.put("user", actor == null ? null : actor.getUserId());
          entry.put("at", at.toInstant().toString());
          refusals.add(entry);
        }
        instance.setVariable(VARIABLE, refusals);
        return null;
      });
    }
  }
}
