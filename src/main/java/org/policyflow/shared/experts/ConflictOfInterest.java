package org.policyflow.shared.experts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * EXP-2: is an expert tied to the applicant or a member? Three tests, strongest first: the same unified
 * social credit code (where both are known, whatever the names say); the same organisation, or one a part
 * of the other by name ("清华大学微电子学院" belongs to "清华大学", "中国科学院微电子研究所" to "中国科学院");
 * the affiliations staff recorded for the expert (e.g. the university a hospital or institute belongs to).
 * None of this replaces the expert's own declaration when scoring, which stays the last line.
 */
public final class ConflictOfInterest {

  /**
   * Endings of a complete organisation name: a shorter name counts as the parent of a longer one only when
   * it is a whole organisation ("清华大学"), not a fragment that many unrelated names share ("北京").
   */
  static final List<String> ORGANISATION_ENDINGS = List.of("大学", "学院", "科学院", "研究院", "研究所", "研究中心",
      "集团", "公司", "医院", "中心", "实验室", "委员会", "协会");

  private ConflictOfInterest() {}

  /** Why the expert conflicts with one of the organisations, or empty when none is related. */
  public static Optional<String> reason(Expert expert, Collection<String> organisations, Set<String> creditCodes) {
    if (expert.organisationCreditCode() != null && creditCodes.contains(expert.organisationCreditCode())) {
      return Optional.of("EXP-2 回避：所在单位统一社会信用代码与申报单位或成员单位相同（" + expert.organisationCreditCode()
          + "） / conflict of interest: same credit code as the applicant or a member");
    }
    for (String own : Stream.concat(Stream.of(expert.organisation()), expert.affiliations().stream()).toList()) {
      for (String other : organisations) {
        if (related(own, other)) {
          boolean same = normalise(own).equals(normalise(other));
          String how = same ? "来自申报单位或成员单位 " + other
              : "所在单位或隶属单位 " + own + " 与申报单位或成员单位 " + other + " 存在隶属关系";
          return Optional.of("EXP-2 回避：" + how + " / conflict of interest: "
              + (same ? "works for the applicant or a member" : "organisation related by hierarchy to the applicant or a member"));
        }
      }
    }
    return Optional.empty();
  }

  /** The same organisation, or one is a part of the other (its name starts with the other's whole name). */
  public static boolean related(String a, String b) {
    String x = normalise(a);
    String y = normalise(b);
    if (x.isEmpty() || y.isEmpty()) {
      return false;
    }
    if (x.equals(y)) {
      return true;
    }
    String shorter = x.length() < y.length() ? x : y;
    String longer = shorter == x ? y : x;
    return longer.startsWith(shorter) && ORGANISATION_ENDINGS.stream().anyMatch(shorter::endsWith);
  }

  static String normalise(String organisation) {
    return organisation == null ? "" : organisation.replaceAll("\\s+", "").replace('（', '(').replace('）', ')');
  }
}
