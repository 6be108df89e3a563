package org.policyflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.MalformedURLException;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.UrlResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** processes/ and forms/ deploy together, under stable names; a process owner deploys from Camunda Modeler. */
@PolicyflowIntegrationTest
class ModelDeploymentTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired ModelDeployer modelDeployer;
  @Autowired TestRestTemplate http;

  @Test
  void modelsAndFormsAreOneDeploymentWithStableNames() {
    Deployment deployment = repositoryService.createDeploymentQuery()
        .deploymentName(ModelDeployer.DEPLOYMENT_NAME).orderByDeploymentTime().desc().list().get(0);
    assertThat(repositoryService.getDeploymentResourceNames(deployment.getId()))
        .contains("processes/target-record.bpmn", "forms/target-value-report.form", "forms/target-value-verify.form");
  }

  @Test
  void aRestartWithUnchangedModelsCreatesNoNewVersion() {
    long deployments = repositoryService.createDeploymentQuery().count();
    int version = latest("target-record").getVersion();

    modelDeployer.postProcessEngineBuild(engine);

    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(latest("target-record").getVersion()).isEqualTo(version);
  }

  @Test
  void javaJarAndSpringBootRunGiveTheSameResourceName() throws MalformedURLException {
    String fatJar = "jar:file:/opt/policyflow/policyflow.jar!/BOOT-INF/classes!/processes/target-record.bpmn";
    String exploded = "file:/home/owner/policyflow/target/classes/processes/target-record.bpmn";
    assertThat(ModelDeployer.stableName("processes/", new UrlResource(fatJar))).isEqualTo("processes/target-record.bpmn");
    assertThat(ModelDeployer.stableName("processes/", new UrlResource(exploded))).isEqualTo("processes/target-record.bpmn");
    assertThat(ModelDeployer.stableName("forms/", new UrlResource("file:/x/target/classes/forms/sub/a.form")))
        .isEqualTo("forms/sub/a.form");
  }

  @Test
  void processOwnerDeploysFromModelerWithBpmnAndForm() {
    ResponseEntity<Map> response = modelerDeploy("lintao");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String deploymentId = (String) response.getBody().get("id");
    try {
      ProcessDefinition redrawn = latest("target-record");
      assertThat(redrawn.getDeploymentId()).isEqualTo(deploymentId);
      assertThat(redrawn.getName()).isEqualTo("填报规划指标数值（重新绘制）");

      // The form deployed next to the BPMN is the one the new version's task shows.
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("target-record",
          Map.of("targetKey", "canal-talents", "targetValue", 120, "reporter", "wanglixin", "asOfDate", "2026-06-30",
              "source", "区统计局季度报表"));
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
      ResponseEntity<String> form = http.withBasicAuth("demo", "demo")
          .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
      assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(form.getBody()).contains("\"id\": \"target-value-verify\"");
    } finally {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void staffWhoAreNotProcessOwnersCannotDeploy() {
    assertThat(modelerDeploy("wanglixin").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(modelerDeploy("qianfang").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  /** The call Camunda Modeler makes: multipart POST to /engine-rest/deployment/create with HTTP Basic. */
  private ResponseEntity<Map> modelerDeploy(String user) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "target-record");
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("deploy-changed-only", "false");
    parts.add("target-record.bpmn", new ClassPathResource("modeler/target-record.bpmn"));
    parts.add("target-value-report.form", new ClassPathResource("modeler/target-value-report.form"));
    parts.add("target-value-verify.form", new ClassPathResource("modeler/target-value-verify.form"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo")
        .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
  }

  private ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }
}
