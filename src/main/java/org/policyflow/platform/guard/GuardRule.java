package org.policyflow.platform.guard;

/**
 * The rules of the deployment guard (docs/deployment-guard.md). MC-* are the project's model conventions,
 * DG-* keep a deployment from being code: a process owner may redraw the procedure, not program the server.
 */
public enum GuardRule {
  MC_1("MC-1", "文件与资源类型", "files and resource types"),
  MC_2("MC-2", "历史保留期限与可执行", "history time-to-live, executable"),
  MC_3("MC-3", "完整图形信息", "complete diagram interchange"),
  MC_4("MC-4", "有意义的元素标识", "meaningful element ids"),
  MC_5("MC-5", "中文标签", "labels"),
  MC_6("MC-6", "任务的办理人、期限与优先级", "task candidates, due date and priority"),
  MC_7("MC-7", "表单随模型一并部署", "forms deployed with the model"),
  MC_8("MC-8", "引用的服务组件与子流程存在", "referenced beans and called processes exist"),
  DG_1("DG-1", "禁止加载 Java 类", "no Java classes"),
  DG_2("DG-2", "禁止脚本", "no scripts"),
  DG_3("DG-3", "服务逻辑只能委托给本系统的组件", "service logic only through the project's delegate beans"),
  DG_4("DG-4", "表达式只能使用变量和已发布的表达式组件", "expressions use only variables and published beans"),
  DG_5("DG-5", "禁止反射", "no reflection"),
  DG_6("DG-6", "禁止文档类型声明与外部实体", "no DOCTYPE or external entities"),
  DG_7("DG-7", "表单只能引用 Camunda 表单", "forms only through camunda:formRef");

  private final String id;
  private final String titleZh;
  private final String titleEn;

  GuardRule(String id, String titleZh, String titleEn) {
    this.id = id;
    this.titleZh = titleZh;
    this.titleEn = titleEn;
  }

  public String id() {
    return id;
  }

  public String titleZh() {
    return titleZh;
  }

  public String titleEn() {
    return titleEn;
  }
}
