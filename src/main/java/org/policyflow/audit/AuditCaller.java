package org.policyflow.audit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.policyflow.shared.identity.PersonNames;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The person calling the audit API, as the engine knows them: the authentication filter has set their
 * user and groups on the engine for this request, so every query here runs under their authorizations.
 * Reading history needs READ_HISTORY on a process definition, checked through the engine for each key.
 */
@Component
public class AuditCaller {

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final RepositoryService repositoryService;

  public AuditCaller(IdentityService identityService, AuthorizationService authorizationService,
      RepositoryService repositoryService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.repositoryService = repositoryService;
  }

  public Authentication authentication() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
    }
    return authentication;
  }

  public boolean mayReadHistory(String processKey) {
    Authentication caller = authentication();
    return authorizationService.isUserAuthorized(caller.getUserId(), caller.getGroupIds(),
        Permissions.READ_HISTORY, Resources.PROCESS_DEFINITION, processKey);
  }

  /**
   * Key → name of the latest version of every deployed process whose history the caller may read. An
   * empty result answers 403: the caller is no auditor of anything.
   */
  public Map<String, String> readableProcesses() {
    Map<String, String> processes = new LinkedHashMap<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion()
        .orderByProcessDefinitionKey().asc().list()) {
      if (mayReadHistory(definition.getKey())) {
        processes.put(definition.getKey(), definition.getName() == null ? definition.getKey() : definition.getName());
      }
    }
    if (processes.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "无权查看流程历史 / no READ_HISTORY on any process");
    }
    return processes;
  }

  /** Display names (姓 + 名, as Chinese names are written) of the users the caller may read. */
  public Map<String, String> userNames(Set<String> userIds) {
    Map<String, String> names = new HashMap<>();
    List<String> ids = userIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
    if (ids.isEmpty()) {
      return names;
    }
    for (User user : identityService.createUserQuery().userIdIn(ids.toArray(String[]::new)).list()) {
      names.put(user.getId(), PersonNames.displayName(user));
    }
    return names;
  }
}
