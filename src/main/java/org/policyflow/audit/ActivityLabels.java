package org.policyflow.audit;

import java.util.Map;

/** Chinese names of the engine's activity types and user operations, as the auditors read them. */
final class ActivityLabels {

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("startEvent", "开始事件"), Map.entry("endEvent", "结束事件"),
      Map.entry("noneEndEvent", "结束事件"), Map.entry("terminateEndEvent", "终止结束事件"),
      Map.entry("errorEndEvent", "错误结束事件"), Map.entry("escalationEndEvent", "升级结束事件"),
      Map.entry("messageEndEvent", "消息结束事件"), Map.entry("signalEndEvent", "信号结束事件"),
      Map.entry("userTask", "人工任务"), Map.entry("serviceTask", "服务任务"), Map.entry("scriptTask", "脚本任务"),
      Map.entry("businessRuleTask", "规则任务"), Map.entry("sendTask", "发送任务"), Map.entry("receiveTask", "接收任务"),
      Map.entry("manualTask", "手工任务"), Map.entry("task", "任务"), Map.entry("callActivity", "调用子流程"),
      Map.entry("subProcess", "子流程"), Map.entry("eventSubProcess", "事件子流程"),
      Map.entry("exclusiveGateway", "排他网关"), Map.entry("parallelGateway", "并行网关"),
      Map.entry("inclusiveGateway", "包容网关"), Map.entry("eventBasedGateway", "事件网关"),
      Map.entry("intermediateTimer", "定时事件"), Map.entry("intermediateMessageCatch", "消息捕获事件"),
      Map.entry("intermediateSignalCatch", "信号捕获事件"), Map.entry("intermediateThrowEvent", "中间抛出事件"),
      Map.entry("intermediateNoneThrowEvent", "中间事件"), Map.entry("intermediateEscalationThrowEvent", "升级事件"),
      Map.entry("intermediateMessageThrowEvent", "消息抛出事件"), Map.entry("intermediateConditional", "条件事件"),
      Map.entry("boundaryTimer", "边界定时事件"), Map.entry("boundaryMessage", "边界消息事件"),
      Map.entry("boundaryError", "边界错误事件"), Map.entry("boundaryEscalation", "边界升级事件"),
      Map.entry("boundarySignal", "边界信号事件"), Map.entry("boundaryConditional", "边界条件事件"),
      Map.entry("messageStartEvent", "消息开始事件"), Map.entry("timerStartEvent", "定时开始事件"),
      Map.entry("errorStartEvent", "错误开始事件"), Map.entry("escalationStartEvent", "升级开始事件"),
      Map.entry("signalStartEvent", "信号开始事件"), Map.entry("conditionalStartEvent", "条件开始事件"),
      Map.entry("multiInstanceBody", "多实例"));

  private static final Map<String, String> OPERATIONS = Map.ofEntries(
      Map.entry("Create", "创建"), Map.entry("Complete", "完成"), Map.entry("Claim", "认领"),
      Map.entry("Assign", "指派"), Map.entry("Delegate", "委托"), Map.entry("Resolve", "处理完毕"),
      Map.entry("SetOwner", "设置所有者"), Map.entry("SetPriority", "设置优先级"), Map.entry("Update", "更新"),
      Map.entry("Delete", "删除"), Map.entry("DeleteHistory", "删除历史"), Map.entry("Suspend", "挂起"),
      Map.entry("Activate", "激活"), Map.entry("SetVariable", "设置变量"), Map.entry("SetVariables", "设置变量"),
      Map.entry("ModifyVariable", "修改变量"), Map.entry("RemoveVariable", "删除变量"),
      Map.entry("RemoveVariables", "删除变量"), Map.entry("AddUserLink", "添加用户关联"),
      Map.entry("DeleteUserLink", "删除用户关联"), Map.entry("AddGroupLink", "添加候选组"),
      Map.entry("DeleteGroupLink", "删除候选组"), Map.entry("SetJobRetries", "设置作业重试次数"),
      Map.entry("SetExternalTaskRetries", "设置外部任务重试次数"), Map.entry("Migrate", "迁移"),
      Map.entry("ModifyProcessInstance", "修改流程实例"), Map.entry("RestartProcessInstance", "重启流程实例"),
      Map.entry("CorrelateMessage", "关联消息"), Map.entry("SetDueDate", "设置到期日"),
      Map.entry("SetRemovalTime", "设置清除时间"), Map.entry("SetAnnotation", "添加注释"),
      Map.entry("ClearAnnotation", "清除注释"), Map.entry("CreateIncident", "创建事件"),
      Map.entry("Resolve incident", "解决事件"));

  private ActivityLabels() {}

  static String type(String type) {
    return TYPES.getOrDefault(type, type);
  }

  static String operation(String operation) {
    return OPERATIONS.getOrDefault(operation, operation);
  }
}
