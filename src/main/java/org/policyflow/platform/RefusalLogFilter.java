package org.policyflow.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.policyflow.shared.rules.MessageRuleException;
import org.policyflow.shared.rules.PolicyRuleException;
import org.slf4j.Marker;

/**
 * Keeps refused user input out of the error log. The engine logs every failed command at ERROR with
 * its stack trace ("ENGINE-16004 Exception while closing command context"), the engine REST API every
 * 500 at WARN with one; for a rule refusal (a form field, TZP-S1, an objection after the notice) that
 * is noise that drowns real faults. Those entries are dropped here and
 * {@link org.policyflow.shared.rules.RuleRefusalRecorder} logs each refusal in one INFO line instead;
 * every other exception is logged as before. Declared in {@code logback-spring.xml}, so it survives
 * every re-initialisation of the logging system.
 */
public class RefusalLogFilter extends TurboFilter {

  static final String ENGINE_CONTEXT = "org.camunda.bpm.engine.context";
  static final String ENGINE_REST = "org.camunda.bpm.engine.rest.exception";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (logger == null || !level.isGreaterOrEqual(Level.WARN)
        || !(logger.getName().equals(ENGINE_CONTEXT) || logger.getName().equals(ENGINE_REST))) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
      thrown = last;
    }
    return isRefusal(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /** A rule refusal anywhere in the cause chain. */
  public static boolean isRefusal(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PolicyRuleException || cause instanceof MessageRuleException) {
        return true;
      }
    }
    return false;
  }
}
