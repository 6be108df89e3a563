package org.policyflow.audit;

import org.policyflow.shared.forms.FormLabels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;

/** The audit history speaks the auditor's language: form labels, option labels, operations as sentences. */
class AuditWordingTest {

  static final FormLabels FORMS = new FormLabels();
  static final Map<String, String> NAMES = Map.of("sunpeng", "孙鹏", "wanglixin", "王立新");

  @Test
  void aCodedValueReadsAsItsFormOption() {
    assertThat(FORMS.label("tongzhouPresence")).startsWith("在通州区的注册情况");
    assertThat(FORMS.valueLabel("tongzhouPresence", "registered")).isEqualTo("在通州区注册");
    assertThat(FORMS.valueLabel("localityGroup", "tz-locality-songzhuang")).isEqualTo("宋庄镇人民政府");
  }

  @Test
  void aListOfCodesReadsAsTheirLabelsAndFreeTextStaysAsItIs() {
    assertThat(FORMS.valueLabel("localityGroup", "[\"tz-locality-songzhuang\",\"tz-locality-xiji\"]"))
        .isEqualTo("宋庄镇人民政府、西集镇人民政府");
    assertThat(FORMS.valueLabel("organisationName", "北京通州智造科技有限公司")).isNull();
    assertThat(FORMS.label("noSuchVariable")).isNull();
  }

  @Test
  void completingATaskIsOneSentenceWithThePersonAndTheTask() {
    UserOperationLogEntry complete = entry(UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "sunpeng", "delete", "false", "true");
    assertThat(OperationSentences.sentence(complete, id -> NAMES.getOrDefault(id, id), "推荐申报"))
        .isEqualTo("孙鹏 完成了任务 推荐申报");
  }

  @Test
  void claimAndAssignNameTheirPeople() {
    assertThat(OperationSentences.sentence(entry(UserOperationLogEntry.OPERATION_TYPE_CLAIM, "sunpeng", "assignee", null, "sunpeng"),
        id -> NAMES.getOrDefault(id, id), "推荐申报")).isEqualTo("孙鹏 认领了任务 推荐申报");
    assertThat(OperationSentences.sentence(entry(UserOperationLogEntry.OPERATION_TYPE_ASSIGN, "wanglixin", "assignee", null, "sunpeng"),
        id -> NAMES.getOrDefault(id, id), "推荐申报")).isEqualTo("王立新 将任务 推荐申报 指派给 孙鹏");
  }

  @Test
  void aPropertyChangeNamesThePropertyInChinese() {
    UserOperationLogEntry due = entry(UserOperationLogEntry.OPERATION_TYPE_UPDATE, "wanglixin", "dueDate", "2026-12-01", "2026-12-08");
    assertThat(OperationSentences.sentence(due, id -> NAMES.getOrDefault(id, id), "推荐申报"))
        .isEqualTo("王立新 更新 任务 推荐申报：到期时间 2026-12-01 → 2026-12-08");
  }

  private static UserOperationLogEntry entry(String type, String user, String property, String from, String to) {
    UserOperationLogEntry entry = mock(UserOperationLogEntry.class);
    when(entry.getOperationType()).thenReturn(type);
    when(entry.getEntityType()).thenReturn("Task");
    when(entry.getUserId()).thenReturn(user);
    when(entry.getProperty()).thenReturn(property);
    when(entry.getOrgValue()).thenReturn(from);
    when(entry.getNewValue()).thenReturn(to);
    return entry;
  }
}
