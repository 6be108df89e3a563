package org.policyflow.platform.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The guard reads each BPMN file once: the model conventions run on the document the safety walk read, and that
 * model is the one {@code Bpmn.readModelFromStream} reads from the file. A file the schema refuses is refused in
 * the words it always was.
 */
class ParsedBpmnTest {

  private static Document parse(byte[] content) {
    List<ModelViolation> violations = new ArrayList<>();
    Document document = new ModelSafety(null, null, violations).parse("probe.bpmn", content);
    assertThat(violations).isEmpty();
    return document;
  }

  /** What the guard reads from a model: every element by type and id, and the references between them. */
  private static List<String> reading(BpmnModelInstance model) {
    List<String> facts = new ArrayList<>();
    model.getModelElementsByType(BaseElement.class).forEach(e -> facts.add(e.getElementType().getTypeName()
        + " " + e.getId() + " " + e.getAttributeValue("name")));
    model.getModelElementsByType(BpmnShape.class).forEach(s -> facts.add("shape " + s.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> facts.add("edge " + e.getBpmnElement().getId()));
    model.getModelElementsByType(SequenceFlow.class).forEach(f -> facts.add("flow " + f.getId() + " "
        + f.getSource().getId() + " -> " + f.getTarget().getId()));
    model.getModelElementsByType(FlowNode.class).forEach(n -> facts.add("node " + n.getId() + " out "
        + n.getOutgoing().stream().map(BaseElement::getId).sorted().toList()));
    return facts;
  }

  @Test
  void everyProjectModelIsReadFromTheSafetyWalksDocument_asTheModelApiReadsTheFile() throws IOException {
    TreeMap<String, byte[]> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        models.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    assertThat(models).hasSizeGreaterThanOrEqualTo(19);
    models.forEach((file, content) -> {
      BpmnModelInstance single = ParsedBpmn.modelOf(parse(content));
      assertThat(single).as(file + " read from the guard's own parse").isNotNull();
      assertThat(reading(single)).as(file)
          .isEqualTo(reading(Bpmn.readModelFromStream(new ByteArrayInputStream(content))));
    });
  }

  @Test
  void mc1ASchemaInvalidModelIsRefusedInTheModelApisWordsAsBefore() {
    String invalid = ModelSafetyTest.process("""
        <bpmn:startEvent id="StartEvent_Probe" name="开始" unknownAttribute="x"/>
        """);
    byte[] content = invalid.getBytes(StandardCharsets.UTF_8);
    assertThat(ParsedBpmn.modelOf(parse(content))).isNull();

    RuntimeException modelApi = catchRuntimeException(() -> Bpmn.readModelFromStream(new ByteArrayInputStream(content)));
    assertThat(ModelSafetyTest.check("probe.bpmn", invalid))
        .anyMatch(v -> v.rule() == GuardRule.MC_1 && v.reasonZh().equals("不是有效的 BPMN：" + modelApi.getMessage()));
  }

  @Test
  void mc1DuplicateIdsAndForeignRootsAreLeftToTheModelApi() {
    String duplicate = ModelSafetyTest.process("""
        <bpmn:startEvent id="StartEvent_Probe" name="开始"/>
        <bpmn:endEvent id="StartEvent_Probe" name="结束"/>
        """);
    assertThat(ParsedBpmn.modelOf(parse(duplicate.getBytes(StandardCharsets.UTF_8)))).isNull();
    String foreign = "<definitions xmlns=\"https://example.org/not-bpmn\" id=\"Definitions_Probe\"/>";
    assertThat(ParsedBpmn.modelOf(parse(foreign.getBytes(StandardCharsets.UTF_8)))).isNull();
  }
}
