package org.policyflow.techcentre;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.policyflow.shared.engine.FormValues;
import org.springframework.stereotype.Component;

/**
 * Task_CheckEligibility of tech-centre (003 第二章): TIC-E1 lead type, TIC-E2 supporting unit registered in
 * Beijing, TIC-E4 R&D investment at or above the configured threshold, and the field among the ten
 * high-end and six future industries. TIC-E3 (industry influence) is the reviewers' judgement in 评估论证.
 * Every rule is reported, passed or failed, in {@code eligibilityFindings}.
 */
@Component("ticEligibility")
public class CheckTechCentreEligibilityDelegate implements JavaDelegate {

  private final TechCentreProperties properties;

  public CheckTechCentreEligibilityDelegate(TechCentreProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> findings = new ArrayList<>();
    String leadType = TicRecords.text(execution, "leadType");
    finding(findings, "TIC-E1", properties.leadTypes().contains(leadType),
        "牵头单位类型须为" + String.join("、", properties.leadTypes()) + "之一（当前：" + blankAs(leadType) + "）",
        "The lead must be one of the configured lead types");
    finding(findings, "TIC-E2", FormValues.flag(execution, "registeredInBeijing"),
        "依托单位须在北京市注册", "The supporting unit must be registered in Beijing");
    Double rd = FormValues.number(execution, "rdInvestment");
    finding(findings, "TIC-E4", rd != null && rd >= properties.rdInvestmentThreshold(),
        "研发投入须不低于" + properties.rdInvestmentThreshold() + "万元（本地设定门槛，《指引》未规定具体金额；当前："
            + (rd == null ? "未填写" : rd) + "）",
        "R&D investment must be at least the locally set threshold (the guideline names no amount)");
    String field = TicRecords.text(execution, "field");
    finding(findings, "TIC-F1", properties.fields().contains(field),
        "布局领域须为十大高精尖产业或六大未来产业之一（当前：" + blankAs(field) + "）",
        "The field must be one of the ten high-end or six future industries");
    // EXP-2: experts of the partners (one per line in the plan) are kept off the evaluation panel.
    execution.setVariable("memberOrganisations", TicRecords.text(execution, "partnerOrganisations").lines()
        .map(String::trim).filter(line -> !line.isEmpty()).toList());
    boolean eligible = findings.stream().allMatch(f -> Boolean.TRUE.equals(f.get("passed")));
    execution.setVariable("eligibilityFindings", findings);
    execution.setVariable("eligible", eligible);
    execution.setVariable("fieldGroup", properties.highEndFields().contains(field) ? "高精尖产业"
        : properties.futureFields().contains(field) ? "未来产业" : "");
  }

  private static void finding(List<Map<String, Object>> findings, String rule, boolean passed, String zh, String en) {
    findings.add(TicRecords.entry("rule", rule, "passed", passed, "reasonZh", zh, "reasonEn", en));
  }

  private static String blankAs(String value) {
    return value.isEmpty() ? "未填写" : value;
  }
}
