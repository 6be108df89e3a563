package org.policyflow.shared.dossier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's history cleanup job, extended to the dossier: a case's documents live in PF_DOSSIER_DOCUMENT,
 * which the engine does not know, so without this they would outlive the case's history (docs/history.md).
 * Registered under the engine's own job type, it replaces the built-in handler and keeps all its behaviour
 * (window, batch size, removal-time strategy, rescheduling); when that run removes history, the documents of
 * every case whose process instance is no longer in history go in the same transaction, after the engine
 * has written its deletions (COMMITTING). That also covers cases an administrator deleted by hand since the
 * last run. With a history level that writes no process instances nothing is removed, since the absence
 * of a case in history would mean nothing there.
 */
public class DossierHistoryCleanup extends HistoryCleanupJobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DossierHistoryCleanup.class);

  private final DocumentStore store;

  public DossierHistoryCleanup(DocumentStore store) {
    this.store = store;
  }

  @Override
  public void execute(HistoryCleanupJobHandlerConfiguration configuration, ExecutionEntity execution,
      CommandContext commandContext, String tenantId) {
    super.execute(configuration, execution, commandContext, tenantId);
    if (removesHistory(configuration, commandContext)) {
      commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTING, context -> {
        int removed = store.removeDocumentsOfRemovedCases();
        if (removed > 0) {
          LOG.info("History cleanup removed {} dossier documents of cases no longer in history", removed);
        }
      });
    }
  }

  /** The same condition under which the engine's handler performs its cleanup in this run. */
  private boolean removesHistory(HistoryCleanupJobHandlerConfiguration configuration, CommandContext commandContext) {
    ProcessEngineConfigurationImpl engine = commandContext.getProcessEngineConfiguration();
    return engine.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_START, null)
        && (configuration.isImmediatelyDue() || engine.isHistoryCleanupEnabled() && isWithinBatchWindow(commandContext));
  }
}
