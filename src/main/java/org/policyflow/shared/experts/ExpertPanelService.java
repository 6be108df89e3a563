package org.policyflow.shared.experts;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Service;

/** Draws panels and single replacements from the current pool with a fresh seed from the injected generator. */
@Service
public class ExpertPanelService {

  private final ExpertPool pool;
  private final RandomGenerator random;

  public ExpertPanelService(ExpertPool pool, RandomGenerator expertDrawRandom) {
    this.pool = pool;
    this.random = expertDrawRandom;
  }

  public PanelDraw drawPanel(PanelRequest request) {
    return PanelDraw.draw(pool.experts(), request, random.nextLong());
  }

  /**
   * One more expert under the same EXP-2 rules, excluding everybody drawn for this review so far; the
   * request names at most the one expert type the replacement must have.
   */
  public Optional<PanelDraw> drawReplacement(PanelRequest request) {
    PanelDraw draw = PanelDraw.draw(pool.experts(),
        new PanelRequest(1, request.applicantOrganisation(), request.memberOrganisations(), request.field(),
            request.expertTypes(), request.alreadyDrawn(), request.organisationCreditCodes()),
        random.nextLong());
    return draw.drawn().isEmpty() ? Optional.empty() : Optional.of(draw);
  }
}
