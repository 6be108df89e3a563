package org.policyflow.consortium.yongchuan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyflow.shared.experts.VariableValues;
import org.policyflow.shared.rules.RuleViolation;
import org.springframework.stereotype.Service;

/**
 * The membership rules of a consortium, used at formation and again for every filed change (YCC-O2):
 * YCC-M1 at least {@code minimum-members} member units (一般: an exception is possible, decided by the caller),
 * YCC-G1 a council chaired by the lead unit's head whose members are the heads of all member units.
 */
@Service
public class YcMembership {

  public record Result(List<String> memberNames, Map<String, Object> council, boolean enoughMembers) {}

  private final YcConsortiumProperties properties;

  public YcMembership(YcConsortiumProperties properties) {
    this.properties = properties;
  }

  public int minimumMembers() {
    return properties.minimumMembers();
  }

  /** Validates the member rows (name, type, head) and builds the council; adds a violation for each defect. */
  public Result check(String leadUnitName, String leadUnitHead, Object memberRows, List<RuleViolation> violations) {
    List<Map<String, Object>> rows = VariableValues.rows(memberRows);
    List<String> names = new ArrayList<>();
    List<Map<String, Object>> councilMembers = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String name = VariableValues.text(rows.get(i).get("memberName"));
      String head = VariableValues.text(rows.get(i).get("memberHead"));
      if (name.isEmpty() || VariableValues.text(rows.get(i).get("memberType")).isEmpty()) {
        violations.add(new RuleViolation(YcRules.FORM_RULE, "members",
            "第" + (i + 1) + "个成员单位缺少名称或类型", "Member " + (i + 1) + " has no name or type"));
      } else if (name.equals(leadUnitName) || names.contains(name)) {
        violations.add(new RuleViolation(YcRules.FORM_RULE, "members",
            "成员单位“" + name + "”重复或与牵头单位相同", "Member '" + name + "' is listed twice or is the lead unit"));
      } else if (head.isEmpty()) {
        violations.add(new RuleViolation("YCC-G1", "members", "成员单位“" + name + "”未填写负责人：理事会成员包括所有成员单位负责人",
            "Member '" + name + "' has no head: the council consists of the heads of all member units"));
      } else {
        names.add(name);
        councilMembers.add(Map.of("unit", name, "head", head));
      }
    }
    Map<String, Object> council = new LinkedHashMap<>();
    council.put("chair", leadUnitHead);
    council.put("chairUnit", leadUnitName);
    council.put("members", councilMembers);
    return new Result(names, council, names.size() >= properties.minimumMembers());
  }
}
