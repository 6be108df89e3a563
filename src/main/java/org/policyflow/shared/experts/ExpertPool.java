package org.policyflow.shared.experts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.policyflow.shared.credit.CreditCode;
import org.policyflow.shared.engine.SystemAccess;
import org.policyflow.shared.identity.PersonNames;
import org.springframework.stereotype.Service;

/**
 * The expert pool: the users of the pool group with their organisation, fields and expert type. Staff
 * add and edit experts in Admin (group membership, user info), so the pool is read afresh at every draw.
 * Read on behalf of the system: the officer whose action starts a review may not list users.
 */
@Service
public class ExpertPool {

  public static final String ORGANISATION = "organisation";
  public static final String FIELDS = "fields";
  public static final String EXPERT_TYPE = "expertType";
  public static final String ORGANISATION_CREDIT_CODE = "organisationCreditCode";
  public static final String AFFILIATIONS = "affiliations";

  private final IdentityService identityService;
  private final SystemAccess system;
  private final ExpertProperties properties;

  public ExpertPool(IdentityService identityService, SystemAccess system, ExpertProperties properties) {
    this.identityService = identityService;
    this.system = system;
    this.properties = properties;
  }

  /** Every expert of the pool, ordered by user id so that a recorded seed reproduces the draw. */
  public List<Expert> experts() {
    return system.call(() -> identityService.createUserQuery().memberOfGroup(properties.poolGroup())
        .orderByUserId().asc().list().stream().map(this::toExpert).toList());
  }

  public Optional<Expert> expert(String userId) {
    return system.call(() -> Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult())
        .map(this::toExpert));
  }

  private Expert toExpert(User user) {
    String fields = identityService.getUserInfo(user.getId(), FIELDS);
    return new Expert(user.getId(), PersonNames.displayName(user),
        trim(identityService.getUserInfo(user.getId(), ORGANISATION)),
        list(fields),
        trim(identityService.getUserInfo(user.getId(), EXPERT_TYPE)),
        code(identityService.getUserInfo(user.getId(), ORGANISATION_CREDIT_CODE)),
        list(identityService.getUserInfo(user.getId(), AFFILIATIONS)));
  }

  private static List<String> list(String value) {
    return value == null ? List.of()
        : Arrays.stream(value.split("[;；]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String code(String value) {
    return value == null || value.isBlank() ? null : CreditCode.normalise(value);
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
