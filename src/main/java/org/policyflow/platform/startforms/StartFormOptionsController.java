package org.policyflow.platform.startforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/start-forms/{processKey}/options}: the server-side choices of that process's start
 * form, by {@code valuesKey}. Answered only to someone the engine lets start the process (CREATE_INSTANCE
 * on its definition), so the access policy can open the route to every starting role while the engine's
 * own authorizations decide per process, as they do for the start itself.
 */
@RestController
@RequestMapping("/api/start-forms")
public class StartFormOptionsController {

  private final List<StartFormOptionSource> sources;
  private final IdentityService identity;
  private final AuthorizationService authorizations;

  public StartFormOptionsController(List<StartFormOptionSource> sources, IdentityService identity,
      AuthorizationService authorizations) {
    this.sources = sources;
    this.identity = identity;
    this.authorizations = authorizations;
  }

  @GetMapping("/{processKey}/options")
  public ResponseEntity<Map<String, Object>> options(@PathVariable String processKey) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }
    if (!authorizations.isUserAuthorized(caller.getUserId(), caller.getGroupIds(), Permissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, processKey)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", 403,
          "message", "您无权发起该流程，因此不能读取其发起表单的选项。 You may not start this process, so its start form's options are not available to you."));
    }
    Map<String, Object> byKey = new LinkedHashMap<>();
    sources.stream().filter(source -> source.processKey().equals(processKey))
        .forEach(source -> byKey.put(source.valuesKey(), source.options()));
    return ResponseEntity.ok(byKey);
  }
}
