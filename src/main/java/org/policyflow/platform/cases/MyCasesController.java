package org.policyflow.platform.cases;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/my-cases}: 我的申报 of the signed-in applicant (Tasklist login or HTTP Basic). It takes
 * no parameter naming a user or a case, so nobody can ask for anyone else's cases.
 */
@RestController
@RequestMapping("/api/my-cases")
public class MyCasesController {

  private final MyCasesService cases;
  private final IdentityService identity;

  public MyCasesController(MyCasesService cases, IdentityService identity) {
    this.cases = cases;
    this.identity = identity;
  }

  @GetMapping
  public List<MyCasesService.MyCase> mine() {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
    }
    return cases.casesOf(caller.getUserId());
  }
}
