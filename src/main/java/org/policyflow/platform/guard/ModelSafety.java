package org.policyflow.platform.guard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The safety half of the guard: walks every element, attribute and text of a BPMN or DMN file, so that code
 * cannot hide in a place a list of "known attributes" would miss. Java classes (DG-1), scripts (DG-2) and
 * service logic other than a project delegate bean (DG-3) are refused by where they stand; every text holding
 * {@code ${…}} or {@code #{…}} is checked by {@link ExpressionCheck} (DG-4, DG-5).
 */
final class ModelSafety {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  /** Attributes that name a Java class the engine would load and instantiate. */
  private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "formHandlerClass", "variableMappingClass");
  private static final Set<String> DELEGATE_ATTRIBUTES = Set.of("delegateExpression", "variableMappingDelegateExpression");
  /**
   * Elements whose camunda:expression / camunda:type would run service logic outside a delegate bean. An
   * external task (camunda:type="external") runs nothing on the server: it waits for a worker whose rights
   * the engine's authorizations decide, so it is allowed.
   */
  private static final Set<String> SERVICE_ELEMENTS = Set.of("serviceTask", "sendTask", "businessRuleTask",
      "messageEventDefinition");
  private static final Pattern DELEGATE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

  private final ExpressionCheck expressions;
  private final BeanCatalogue beans;
  private final List<ModelViolation> violations;

  ModelSafety(ExpressionCheck expressions, BeanCatalogue beans, List<ModelViolation> violations) {
    this.expressions = expressions;
    this.beans = beans;
    this.violations = violations;
  }

  /** Parses without DOCTYPE or external entities; null (and a DG-6 violation) when the file is refused. */
  Document parse(String file, byte[] content) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      return builder.parse(new ByteArrayInputStream(content));
    } catch (SAXException e) {
      violations.add(new ModelViolation(file, "-", GuardRule.DG_6,
          "不是合法的 XML，或含有文档类型声明（DOCTYPE）/外部实体：" + e.getMessage(),
          "not well-formed XML, or it declares a DOCTYPE / external entity: " + e.getMessage()));
      return null;
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException("XML parser unavailable", e);
    }
  }

  void checkBpmn(String file, Document document) {
    walk(file, document.getDocumentElement(), "-", false);
  }

  void checkDmn(String file, Document document) {
    walk(file, document.getDocumentElement(), "-", true);
  }

  private void walk(String file, Element element, String parentId, boolean dmn) {
    String id = element.hasAttribute("id") ? element.getAttribute("id") : parentId;
    String ns = element.getNamespaceURI();
    String name = element.getLocalName();
    if (BPMN.equals(ns) && "scriptTask".equals(name)) {
      add(file, id, GuardRule.DG_2, "不允许脚本任务", "script tasks are not allowed");
    } else if (CAMUNDA.equals(ns) && "script".equals(name)) {
      add(file, id, GuardRule.DG_2, "不允许脚本（camunda:script）", "scripts (camunda:script) are not allowed");
    } else if (CAMUNDA.equals(ns) && "connector".equals(name)) {
      add(file, id, GuardRule.DG_3, "不允许连接器（camunda:connector），服务逻辑请通过 camunda:delegateExpression 调用本系统组件",
          "connectors are not allowed; call a project bean through camunda:delegateExpression");
    } else if (CAMUNDA.equals(ns) && ("formData".equals(name) || "formProperty".equals(name))) {
      add(file, id, GuardRule.DG_7, "不允许生成式表单（camunda:formData），请用 camunda:formRef 引用 Camunda 表单",
          "generated forms (camunda:formData) are not allowed; use camunda:formRef to a Camunda Form");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      attribute(file, id, element, (Attr) attributes.item(i), dmn);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walk(file, childElement, id, dmn);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        expression(file, id, child.getNodeValue());
      }
    }
  }

  private void attribute(String file, String id, Element element, Attr attribute, boolean dmn) {
    String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
    String value = attribute.getValue();
    if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
      return;
    }
    if (dmn) {
      if ("expressionLanguage".equals(local) && !value.toLowerCase(Locale.ROOT).contains("feel")) {
        add(file, id, GuardRule.DG_2, "判定表达式只能用 FEEL，不允许 " + value,
            "decision expressions must be FEEL, not " + value);
      }
      return;
    }
    // Attributes of camunda:* elements (listeners, fields) are unqualified; those of BPMN elements qualified.
    boolean camunda = CAMUNDA.equals(attribute.getNamespaceURI())
        || (attribute.getNamespaceURI() == null && CAMUNDA.equals(element.getNamespaceURI()));
    if (camunda && CLASS_ATTRIBUTES.contains(local)) {
      add(file, id, GuardRule.DG_1, "不允许加载 Java 类（" + local + "=\"" + value + "\"），请通过 camunda:delegateExpression 调用本系统组件",
          "Java classes may not be loaded (" + local + "=\"" + value + "\"); call a project bean through camunda:delegateExpression");
    } else if (camunda && DELEGATE_ATTRIBUTES.contains(local)) {
      delegate(file, id, value);
    } else if (camunda && "resource".equals(local)) {
      add(file, id, GuardRule.DG_2, "不允许引用脚本资源（camunda:resource）", "script resources (camunda:resource) are not allowed");
    } else if (camunda && "formKey".equals(local)) {
      add(file, id, GuardRule.DG_7, "不允许 camunda:formKey（嵌入式表单会在任务列表中执行脚本），请用 camunda:formRef 引用 Camunda 表单",
          "camunda:formKey is not allowed (embedded forms run scripts in Tasklist); use camunda:formRef to a Camunda Form");
    } else if (camunda && (("type".equals(local) && !"external".equals(value)) || "expression".equals(local))
        && SERVICE_ELEMENTS.contains(element.getLocalName())) {
      add(file, id, GuardRule.DG_3, "服务逻辑只能通过 camunda:delegateExpression 调用本系统组件（不允许 camunda:" + local + "）",
          "service logic only through camunda:delegateExpression to a project bean (camunda:" + local + " is not allowed)");
    } else if (("language".equals(local) || "scriptFormat".equals(local)) && !value.isBlank()) {
      add(file, id, GuardRule.DG_2, "不允许脚本表达式（" + local + "=\"" + value + "\"）",
          "script expressions are not allowed (" + local + "=\"" + value + "\")");
    } else {
      expression(file, id, value);
    }
  }

  private void delegate(String file, String id, String value) {
    Matcher bean = DELEGATE.matcher(value.trim());
    if (!bean.matches()) {
      add(file, id, GuardRule.DG_3, "委托表达式只能是 ${组件名}，不能是 " + value,
          "a delegate expression must be ${beanName}, not " + value);
    } else if (!beans.exists(bean.group(1))) {
      add(file, id, GuardRule.MC_8, "服务组件 " + bean.group(1) + " 不存在",
          "delegate bean '" + bean.group(1) + "' does not exist");
    } else if (!beans.isProjectDelegate(bean.group(1))) {
      add(file, id, GuardRule.DG_3, "组件 " + bean.group(1) + " 不是本系统的委托或监听器组件",
          "bean '" + bean.group(1) + "' is not one of the project's delegates or listeners");
    }
  }

  private void expression(String file, String id, String text) {
    if (ExpressionCheck.isExpression(text)) {
      for (ExpressionCheck.Problem problem : expressions.check(text.trim())) {
        add(file, id, problem.rule(), problem.reasonZh(), problem.reasonEn());
      }
    }
  }

  private void add(String file, String element, GuardRule rule, String zh, String en) {
    violations.add(new ModelViolation(file, element, rule, zh, en));
  }
}
