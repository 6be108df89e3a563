package org.policyflow.partner.call;

import java.util.List;
import org.policyflow.partner.application.PartnerApplications;
import org.policyflow.platform.startforms.StartFormOption;
import org.policyflow.platform.startforms.StartFormOptionSource;
import org.springframework.stereotype.Component;

/**
 * The applicant chooses the call in the application's start form (field 征集批次编号) from the calls
 * accepting applications now, instead of typing the id from the notice. The application's acceptance
 * step still refuses a call that is not open, whatever is submitted.
 */
@Component
public class OpenCallOptions implements StartFormOptionSource {

  public static final String VALUES_KEY = "openPartnerCalls";

  private final OpenPartnerCalls calls;

  public OpenCallOptions(OpenPartnerCalls calls) {
    this.calls = calls;
  }

  @Override
  public String processKey() {
    return PartnerApplications.PROCESS_KEY;
  }

  @Override
  public String valuesKey() {
    return VALUES_KEY;
  }

  @Override
  public List<StartFormOption> options() {
    return calls.acceptingApplications().stream()
        .map(call -> new StartFormOption(call.callId(), label(call)))
        .toList();
  }

  /** The call id as the notice quotes it, then the title and the last day of applications. */
  static String label(OpenPartnerCalls.OpenCall call) {
    StringBuilder label = new StringBuilder(call.callId());
    if (call.title() != null && !call.title().isBlank()) {
      label.append(' ').append(call.title().trim());
    }
    if (call.applicationDeadline() != null) {
      label.append("（申报截止 ").append(call.applicationDeadline()).append('）');
    }
    return label.toString();
  }
}
