package org.policyflow.partner.review;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The district office's review of the recommended applications (000 §五3, partner.yaml
 * {@code policyflow.partner.review}): how many of its reviewers score each application, each a different
 * person (TZP-R2), and in how many working days. The criteria themselves are the decision table's.
 */
@ConfigurationProperties("policyflow.partner.review")
public record PartnerReviewProperties(int reviewers, int workingDays) {

  public PartnerReviewProperties {
    if (reviewers < 1) {
      throw new IllegalArgumentException("policyflow.partner.review.reviewers must be at least 1, was " + reviewers);
    }
    if (workingDays < 1) {
      throw new IllegalArgumentException("policyflow.partner.review.working-days must be at least 1, was " + workingDays);
    }
  }
}
