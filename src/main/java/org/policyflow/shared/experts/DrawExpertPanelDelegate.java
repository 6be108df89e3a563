package org.policyflow.shared.experts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.rules.PolicyRuleException;
import org.springframework.stereotype.Component;

/**
 * Task_DrawPanel of expert-review: EXP-1 (odd panel size, default from configuration) and EXP-2 (no
 * expert of the applicant's or a member's organisation), field experts preferred, random among the
 * eligible. The whole draw is kept in {@code panelDraw} (history keeps every redraw as an update).
 */
@Component("drawExpertPanel")
public class DrawExpertPanelDelegate implements JavaDelegate {

  private final ExpertPanelService panels;
  private final ExpertProperties properties;

  public DrawExpertPanelDelegate(ExpertPanelService panels, ExpertProperties properties) {
    this.panels = panels;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int size = panelSize(execution.getVariable("panelSize"));
    PanelRequest request = new PanelRequest(size,
        VariableValues.text(execution.getVariable("applicantOrganisation")),
        VariableValues.strings(execution.getVariable("memberOrganisations")),
        VariableValues.text(execution.getVariable("field")),
        VariableValues.strings(execution.getVariable("expertTypes")),
        null, creditCodes(execution));
    PanelDraw draw = panels.drawPanel(request);

    Map<String, Object> record = draw.toMap();
    record.put("drawnAt", ClockUtil.getCurrentTime().toInstant().toString());
    record.put("reviewStage", execution.getVariable("reviewStage"));
    execution.setVariable("panelDraw", record);
    execution.setVariable("panelSizeRequired", size);
    execution.setVariable("eligibleCount", draw.eligible().size());
    execution.setVariable("enoughExperts", draw.enough());
    execution.setVariable("conflictCheckText", conflictText(request));
    if (draw.enough()) {
      execution.setVariable("panel", new ArrayList<>(draw.drawn()));
      execution.setVariable("drawnExperts", new ArrayList<>(new LinkedHashSet<>(draw.drawn())));
      execution.setVariable("shortageMessage", null);
    } else {
      execution.setVariable("shortageMessage", shortage(draw));
    }
    execution.setVariable("maxScore", properties.maxScore());
    execution.setVariable("reviewDays", properties.reviewWorkingDays());
    execution.setVariable("reminderDays", properties.reminderWorkingDays());
  }

  /** The applicant's and members' credit codes where the calling programme passes them (EXP-2). */
  static Set<String> creditCodes(DelegateExecution execution) {
    return VariableValues.strings(execution.getVariable("organisationCreditCodes")).stream()
        .map(CreditCode::normalise).collect(Collectors.toSet());
  }

  private int panelSize(Object override) {
    if (override == null || VariableValues.text(override).isEmpty()) {
      return properties.panelSize();
    }
    int size;
    try {
      size = Integer.parseInt(VariableValues.text(override));
    } catch (NumberFormatException e) {
      size = 0;
    }
    if (size < 1 || size % 2 == 0) {
      throw new PolicyRuleException("EXP-1", "panelSize",
          "评审专家人数须为正奇数，当前为 " + VariableValues.text(override),
          "The panel size must be a positive odd number, not " + VariableValues.text(override));
    }
    return size;
  }

  static String conflictText(PanelRequest request) {
    return "申报单位：" + request.applicantOrganisation()
        + (request.memberOrganisations().isEmpty() ? "" : "；成员单位：" + String.join("、", request.memberOrganisations()));
  }

  private static String shortage(PanelDraw draw) {
    List<String> parts = new ArrayList<>();
    parts.add("需要 " + draw.required() + " 名评审专家，回避（EXP-2）后只有 " + draw.eligible().size() + " 名合格专家");
    if (!draw.missingTypes().isEmpty()) {
      parts.add("缺少以下类型的专家：" + String.join("、", draw.missingTypes()));
    }
    return String.join("；", parts) + "。可在 Admin 中补充专家（评审专家组，填写所在单位 organisation、领域 fields、类型 expertType）后重新抽取，或中止评审。"
        + " Needed " + draw.required() + " experts, " + draw.eligible().size() + " eligible after conflict-of-interest exclusion"
        + (draw.missingTypes().isEmpty() ? "" : ", missing types " + draw.missingTypes()) + ".";
  }
}
