package org.policyflow.partner.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.policyflow.partner.PartnerProperties;
import org.policyflow.shared.credit.CreditRecord;
import org.policyflow.shared.credit.CreditRecordType;
import org.policyflow.shared.credit.CreditRegistry;
import org.springframework.stereotype.Service;

/**
 * The automatic eligibility check of the partner programme, TZP-E1 … TZP-E7 (000 §四). Every rule is
 * evaluated, so the applicant learns all reasons at once; TZP-E7 (priority field) is recorded but never
 * excludes.
 */
@Service
public class PartnerEligibility {

  private final PartnerProperties properties;
  private final CreditRegistry creditRegistry;

  public PartnerEligibility(PartnerProperties properties, CreditRegistry creditRegistry) {
    this.properties = properties;
    this.creditRegistry = creditRegistry;
  }

  public EligibilityResult check(ApplicationFacts facts, LocalDate submissionDate) {
    LocalDate lookbackStart = submissionDate.minusYears(properties.recordLookbackYears());
    List<EligibilityFinding> findings = new ArrayList<>();
    findings.add(legalPerson(facts));
    findings.add(tongzhouPresence(facts));
    findings.add(researchCapacity(facts));
    findings.add(ownedIntellectualProperty(facts));
    findings.add(creditRecord(facts, lookbackStart, submissionDate));
    findings.add(accidents(facts, lookbackStart, submissionDate));
    boolean priority = properties.isPriorityField(facts.industryField());
    findings.add(new EligibilityFinding("TZP-E7", true,
        priority ? "属于优先支持领域：" + facts.industryField() : "不属于优先支持领域（不影响资格）：" + facts.industryField(),
        priority ? "In a priority field: " + facts.industryField()
            : "Not in a priority field (does not affect eligibility): " + facts.industryField()));
    return new EligibilityResult(findings, priority);
  }

  /** TZP-E1 具有独立法人资格. */
  private static EligibilityFinding legalPerson(ApplicationFacts facts) {
    return facts.independentLegalPerson()
        ? new EligibilityFinding("TZP-E1", true, "具有独立法人资格", "Independent legal person")
        : new EligibilityFinding("TZP-E1", false, "不具有独立法人资格", "Not an independent legal person");
  }

  /** TZP-E2 在通州区行政区域内注册或设有分支机构. */
  private static EligibilityFinding tongzhouPresence(ApplicationFacts facts) {
    if (ApplicationFacts.REGISTERED.equals(facts.tongzhouPresence())) {
      return new EligibilityFinding("TZP-E2", true, "在通州区注册", "Registered in Tongzhou");
    }
    if (ApplicationFacts.BRANCH.equals(facts.tongzhouPresence())) {
      return new EligibilityFinding("TZP-E2", true, "在通州区设有分支机构", "Has a branch in Tongzhou");
    }
    return new EligibilityFinding("TZP-E2", false, "未在通州区行政区域内注册，也未设分支机构",
        "Neither registered nor with a branch in Tongzhou District");
  }

  /** TZP-E3 具有开展科研和相关工作的能力: R&D staff or R&D spending. */
  private static EligibilityFinding researchCapacity(ApplicationFacts facts) {
    return facts.rdStaff() > 0 || facts.rdSpending() > 0
        ? new EligibilityFinding("TZP-E3", true, "有研发人员或研发投入", "Has R&D staff or R&D spending")
        : new EligibilityFinding("TZP-E3", false, "研发人员和研发投入均为零，不具备开展科研工作的能力",
            "No R&D staff and no R&D spending: no capacity to carry out research");
  }

  /** TZP-E4 拥有自主知识产权 (leadership in the industry is judged by reviewers). */
  private static EligibilityFinding ownedIntellectualProperty(ApplicationFacts facts) {
    return facts.ownedIpCount() >= 1
        ? new EligibilityFinding("TZP-E4", true, "拥有自主知识产权（行业领先程度由评审判断）",
            "Owns independent intellectual property (industry leadership judged by reviewers)")
        : new EligibilityFinding("TZP-E4", false, "未拥有自主知识产权", "Owns no independent intellectual property");
  }

  /** TZP-E5 近3年信用记录良好: no serious dishonesty, declared or in the credit registry. */
  private EligibilityFinding creditRecord(ApplicationFacts facts, LocalDate from, LocalDate to) {
    Optional<String> registered = creditRegistry
        .find(facts.creditCode(), EnumSet.of(CreditRecordType.SERIOUS_DISHONESTY, CreditRecordType.BAD_CREDIT), from, to)
        .stream().reduce((first, second) -> second).map(PartnerEligibility::cite);
    if (registered.isPresent()) {
      return new EligibilityFinding("TZP-E5", false, "近3年有严重失信或不良信用记录（信用登记簿：" + registered.get() + "）",
          "A serious dishonesty or bad-credit record within 3 years (credit registry: " + registered.get() + ")");
    }
    if (within(facts.declaredDishonestyDate(), from, to)) {
      return new EligibilityFinding("TZP-E5", false, "申报单位声明近3年有严重失信记录（" + facts.declaredDishonestyDate() + "）",
          "The applicant declares a serious dishonesty record within 3 years (" + facts.declaredDishonestyDate() + ")");
    }
    return new EligibilityFinding("TZP-E5", true, "近3年信用记录良好", "Good credit record over the last 3 years");
  }

  /** TZP-E6 近3年未发生重大环保、安全事故. */
  private EligibilityFinding accidents(ApplicationFacts facts, LocalDate from, LocalDate to) {
    Optional<String> registered = creditRegistry
        .find(facts.creditCode(), EnumSet.of(CreditRecordType.MAJOR_ACCIDENT), from, to)
        .stream().reduce((first, second) -> second).map(PartnerEligibility::cite);
    if (registered.isPresent()) {
      return new EligibilityFinding("TZP-E6", false, "近3年发生重大环保、安全事故（信用登记簿：" + registered.get() + "）",
          "A major environmental or safety accident within 3 years (credit registry: " + registered.get() + ")");
    }
    if (within(facts.declaredAccidentDate(), from, to)) {
      return new EligibilityFinding("TZP-E6", false, "申报单位声明近3年发生重大环保、安全事故（" + facts.declaredAccidentDate() + "）",
          "The applicant declares a major environmental or safety accident within 3 years ("
              + facts.declaredAccidentDate() + ")");
    }
    return new EligibilityFinding("TZP-E6", true, "近3年未发生重大环保、安全事故",
        "No major environmental or safety accident in the last 3 years");
  }

  private static boolean within(LocalDate date, LocalDate from, LocalDate to) {
    return date != null && !date.isBefore(from) && !date.isAfter(to);
  }

  private static String cite(CreditRecord record) {
    return record.recordDate() + " " + record.source();
  }
}
