package org.policyflow.shared.quota;

import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingListener;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Service;

/**
 * Quotas held by the engine itself: a quota's limit and its use are variables of the process instance
 * that owns the quota (a call round, a licensing year). Taking a place increments the use inside the
 * transaction of the person's action; the engine's optimistic locking on that variable lets exactly one
 * of two simultaneous actions commit, on any number of nodes sharing the database. The other one is
 * rolled back whole (its task stays open with nothing lost) and gets the rule's message instead of the
 * engine's concurrency error.
 */
@Service
public class QuotaService {

  private final RuntimeService runtimeService;
  private final SystemAccess system;

  public QuotaService(RuntimeService runtimeService, SystemAccess system) {
    this.runtimeService = runtimeService;
    this.system = system;
  }

  /** Opens a quota on its owner, from a delegate of the owning instance. */
  public void open(VariableScope owner, String quotaName, int limit) {
    owner.setVariable(limitVariable(quotaName), limit);
    owner.setVariable(usedVariable(quotaName), 0);
  }

  public QuotaStatus status(String ownerInstanceId, String quotaName) {
    return system.call(() -> new QuotaStatus(
        quotaName,
        (Integer) runtimeService.getVariable(ownerInstanceId, limitVariable(quotaName)),
        (Integer) runtimeService.getVariable(ownerInstanceId, usedVariable(quotaName))));
  }

  /**
   * Takes one place, or throws the rule's refusal when none is left. Must run inside the engine command
   * of the action that takes the place (a delegate or listener), so both commit or roll back together.
   *
   * @param refusal the rule's refusal for a full quota, given the status found
   * @param conflict the rule's refusal when another action took a place at the same moment
   */
  public QuotaStatus take(String ownerInstanceId, String quotaName,
      Function<QuotaStatus, PolicyRuleException> refusal, Supplier<PolicyRuleException> conflict) {
    QuotaStatus status = status(ownerInstanceId, quotaName);
    if (status.limit() == null || status.used() == null) {
      throw new IllegalStateException("Quota " + quotaName + " is not open on instance " + ownerInstanceId);
    }
    if (status.remaining() <= 0) {
      throw refusal.apply(status);
    }
    Context.getCommandContext().getDbEntityManager()
        .registerOptimisticLockingListener(new ConcurrentTakeListener(usedVariable(quotaName), conflict));
    system.run(() -> runtimeService.setVariable(ownerInstanceId, usedVariable(quotaName), status.used() + 1));
    return new QuotaStatus(quotaName, status.limit(), status.used() + 1);
  }

  static String limitVariable(String quotaName) {
    return "quota_" + quotaName;
  }

  static String usedVariable(String quotaName) {
    return "quotaUsed_" + quotaName;
  }

  /** Turns the engine's concurrent-update failure on this quota's counter into the rule's refusal. */
  private record ConcurrentTakeListener(String variableName, Supplier<PolicyRuleException> conflict)
      implements OptimisticLockingListener {

    @Override
    public Class<? extends DbEntity> getEntityType() {
      return VariableInstanceEntity.class;
    }

    @Override
    public OptimisticLockingResult failedOperation(DbOperation operation) {
      if (operation instanceof DbEntityOperation entityOperation
          && entityOperation.getEntity() instanceof VariableInstanceEntity variable
          && variableName.equals(variable.getName())) {
        throw conflict.get();
      }
      return OptimisticLockingResult.THROW;
    }
  }
}
