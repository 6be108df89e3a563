package org.policyflow.audit;

import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

/**
 * One user operation as the auditor reads it: "孙鹏 完成了任务 推荐申报：宋庄镇示例企业" rather than the
 * log's "Task / delete false→true". The engine writes one log entry per changed property; an operation
 * (one operationId) is told once.
 */
final class OperationSentences {

  private static final Map<String, String> ENTITIES = Map.ofEntries(
      Map.entry("Task", "任务"), Map.entry("ProcessInstance", "流程实例"), Map.entry("Variable", "变量"),
      Map.entry("IdentityLink", "任务参与人"), Map.entry("Attachment", "附件"), Map.entry("Job", "作业"),
      Map.entry("JobDefinition", "作业定义"), Map.entry("ProcessDefinition", "流程定义"),
      Map.entry("Deployment", "部署"), Map.entry("Incident", "事件"), Map.entry("ExternalTask", "外部任务"),
      Map.entry("Comment", "意见"), Map.entry("OperationLog", "操作日志"));

  private static final Map<String, String> PROPERTIES = Map.ofEntries(
      Map.entry("assignee", "办理人"), Map.entry("owner", "所有者"), Map.entry("dueDate", "到期时间"),
      Map.entry("followUpDate", "跟进日期"), Map.entry("priority", "优先级"), Map.entry("name", "名称"),
      Map.entry("description", "说明"), Map.entry("suspensionState", "挂起状态"), Map.entry("retries", "重试次数"));

  private OperationSentences() {}

  /**
   * @param personName the display name of a user id (the id itself when unknown)
   * @param taskName the name of the task the entry concerns, or null
   */
  static String sentence(UserOperationLogEntry entry, Function<String, String> personName, String taskName) {
    String who = entry.getUserId() == null ? "系统" : personName.apply(entry.getUserId());
    String task = taskName == null ? "任务" : "任务 " + taskName;
    String newValue = entry.getNewValue();
    String type = entry.getOperationType() == null ? "" : entry.getOperationType();
    switch (type) {
      case UserOperationLogEntry.OPERATION_TYPE_COMPLETE:
        return who + " 完成了" + task;
      case UserOperationLogEntry.OPERATION_TYPE_CLAIM:
        return newValue == null ? who + " 退回了" + task + "（取消认领）" : who + " 认领了" + task;
      case UserOperationLogEntry.OPERATION_TYPE_ASSIGN:
        return newValue == null ? who + " 取消了" + task + "的办理人"
            : who + " 将" + task + " 指派给 " + personName.apply(newValue);
      case UserOperationLogEntry.OPERATION_TYPE_DELEGATE:
        return who + " 将" + task + " 委托给 " + (newValue == null ? "他人" : personName.apply(newValue));
      case UserOperationLogEntry.OPERATION_TYPE_RESOLVE:
        return who + " 办结了委托的" + task;
      case UserOperationLogEntry.OPERATION_TYPE_CREATE:
        return "ProcessInstance".equals(entry.getEntityType()) ? who + " 发起了流程" : who + " 创建了" + entity(entry, task);
      case UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK:
        return who + " 为" + task + " 添加了候选组 " + nullToDash(entry.getNewValue());
      case UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK:
        return who + " 从" + task + " 移除了候选组 " + nullToDash(entry.getOrgValue());
      case UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK:
        return who + " 为" + task + " 添加了参与人 " + nullToDash(entry.getNewValue());
      case UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK:
        return who + " 从" + task + " 移除了参与人 " + nullToDash(entry.getOrgValue());
      default:
        String property = entry.getProperty() == null ? null : PROPERTIES.get(entry.getProperty());
        String change = property == null ? ""
            : "：" + property + " " + nullToDash(entry.getOrgValue()) + " → " + nullToDash(entry.getNewValue());
        return who + " " + ActivityLabels.operation(type) + " " + entity(entry, task) + change;
    }
  }

  private static String entity(UserOperationLogEntry entry, String task) {
    if ("Task".equals(entry.getEntityType())) {
      return task;
    }
    return ENTITIES.getOrDefault(entry.getEntityType(), entry.getEntityType() == null ? "" : entry.getEntityType());
  }

  private static String nullToDash(String value) {
    return value == null || value.isEmpty() ? "—" : value;
  }
}
