package org.policyflow.platform.guard;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.impl.BpmnModelInstanceImpl;
import org.camunda.bpm.model.xml.ModelValidationException;
import org.camunda.bpm.model.xml.impl.ModelImpl;
import org.camunda.bpm.model.xml.impl.instance.DomDocumentImpl;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A BPMN model instance over a DOM the guard has already parsed (without DOCTYPE or external entities), so that
 * one parse serves both the safety walk and the model conventions.
 */
final class ParsedBpmn {

  private ParsedBpmn() {
  }

  /**
   * The model, validated against the BPMN schema as {@code Bpmn.readModelFromStream} validates it; null when the
   * document is not a valid BPMN definitions document, for the caller to word the refusal.
   */
  static BpmnModelInstance modelOf(Document document) {
    Element root = document.getDocumentElement();
    if (!BpmnModelConstants.BPMN20_NS.equals(root.getNamespaceURI())
        || !BpmnModelConstants.BPMN_ELEMENT_DEFINITIONS.equals(root.getLocalName())) {
      return null;
    }
    markIds(root);
    BpmnModelInstance model = new BpmnModelInstanceImpl((ModelImpl) Bpmn.INSTANCE.getBpmnModel(),
        Bpmn.INSTANCE.getBpmnModelBuilder(), new DomDocumentImpl(document));
    try {
      Bpmn.validateModel(model);
      return model;
    } catch (ModelValidationException e) {
      return null;
    }
  }

  /**
   * The model API resolves references (bpmnElement, sourceRef, outgoing …) with {@link Document#getElementById},
   * which knows an attribute is an id only from a schema-aware parse. In the BPMN, BPMNDI, DI and DC schemas every
   * unqualified {@code id} attribute is an {@code xsd:ID}; extension elements are left alone.
   */
  private static void markIds(Element element) {
    String ns = element.getNamespaceURI();
    boolean schemaElement = BpmnModelConstants.BPMN20_NS.equals(ns) || BpmnModelConstants.BPMNDI_NS.equals(ns)
        || BpmnModelConstants.DI_NS.equals(ns) || BpmnModelConstants.DC_NS.equals(ns);
    if (schemaElement && element.hasAttributeNS(null, "id")) {
      element.setIdAttributeNS(null, "id", true);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        markIds(childElement);
      }
    }
  }
}
