package org.policyflow.techcentre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policyflow.PolicyflowIntegrationTest;
import org.policyflow.shared.experts.ExpertReviewDriver;
import org.policyflow.testsupport.DossierUploads;
import org.policyflow.testsupport.EngineStateRestored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The technology centre's dossier: the district's recommendation and the evaluation experts decide on the
 * construction plan and application the city office registered (003 第四章), with the earlier stages' entries.
 */
@PolicyflowIntegrationTest
@ExtendWith(EngineStateRestored.class)
class TechCentreDossierTest {

  private static final String OFFICER = TechCentreProcessTest.OFFICER;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  @Autowired TechCentreProperties properties;

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dossierDOC_1_districtAndExpertsDecideOnThePlanAndApplication(EngineStateRestored.Started started) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-03-02T09:00+08:00").toInstant()));
    if (engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tech-centre-round")
        .variableValueEquals("licensingYear", 2026).count() == 0) {
      started.add(engine.getRuntimeService().startProcessInstanceByKey("tech-centre-round", Map.of("licensingYear", 2026)));
    }
    ProcessInstance centre = started.add(engine.getRuntimeService().startProcessInstanceByKey("tech-centre",
        Map.of("centreName", "北京某量子信息技术创新中心", "supportingUnitName", "北京某量子科技有限公司",
            "supportingUnitCreditCode", TechCentreProcessTest.UNIT_CODE)));
    Task plan = task(centre, "Task_PreparePlan");
    DossierUploads.uploadRequired(http, OFFICER, plan.getId());
    complete(OFFICER, "bj-sti", plan, Map.of("field", properties.futureFields().get(0),
        "leadType", properties.leadTypes().get(1), "partnerOrganisations", "清华大学\n北京某研究院",
        "constructionGoals", "突破关键核心技术，形成创新型产业集群"));
    Task application = task(centre, "Task_RecordApplication");
    DossierUploads.uploadRequired(http, OFFICER, application.getId());
    Map<String, Object> values = new HashMap<>(Map.of("registeredInBeijing", true, "registrationAddress", "北京市海淀区",
        "rdInvestment", properties.rdInvestmentThreshold(), "industryInfluence", "细分领域龙头",
        "requestDistrictRecommendation", true));
    complete(OFFICER, "bj-sti", application, values);

    Task district = task(centre, "Task_DistrictRecommend");
    ResponseEntity<Map> dossier = http.withBasicAuth(TechCentreProcessTest.DISTRICT_CLERK, "demo")
        .getForEntity("/api/dossiers/tasks/" + district.getId(), Map.class);
    assertThat(dossier.getStatusCode()).as(String.valueOf(dossier.getBody())).isEqualTo(HttpStatus.OK);
    assertThat((List<Map<String, Object>>) dossier.getBody().get("documents")).extracting(d -> d.get("typeLabel"))
        .containsExactlyInAnyOrder("建设方案", "申报书");
    assertThat((List<Map<String, Object>>) dossier.getBody().get("sections")).extracting(s -> s.get("title"))
        .contains("编制方案：登记建设方案（市科委）：北京某量子信息技术创新中心", "组织申报：登记申报材料（市科委）：北京某量子信息技术创新中心");
    complete(TechCentreProcessTest.DISTRICT_CLERK, "bj-district-sti", district,
        Map.of("districtRecommendation", "recommend", "districtOpinion", "符合本区未来产业布局，建议支持。"));

    ExpertReviewDriver experts = new ExpertReviewDriver(engine);
    experts.executeAsyncJobs(centre.getId());
    Task score = experts.scoreTasks(centre.getId()).get(0);
    ResponseEntity<Map> seen = http.withBasicAuth(score.getAssignee(), "demo")
        .getForEntity("/api/dossiers/tasks/" + score.getId(), Map.class);
    assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(seen.getBody().get("caseId")).isEqualTo(centre.getId());
    assertThat((List<Map<String, Object>>) seen.getBody().get("sections"))
        .flatExtracting(s -> (List<Map<String, Object>>) s.get("fields")).extracting(f -> f.get("label") + "：" + f.get("value"))
        .contains("技术创新中心名称：北京某量子信息技术创新中心", "推荐意见：推荐");
  }

  private Task task(ProcessInstance instance, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
        .singleResult();
  }

  private void complete(String user, String group, Task task, Map<String, Object> variables) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
