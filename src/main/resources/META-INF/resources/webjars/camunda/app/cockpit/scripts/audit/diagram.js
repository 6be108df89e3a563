// Draws a BPMN diagram from the model's diagram interchange (shapes and edges) as SVG, marks the elements
// the instance went through with the number of times each was entered, and the flows it took.
// Cockpit CE does not hand its bpmn-js viewer to route plugins, so a small renderer of our own draws
// what the audit needs.
const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const DC = 'http://www.omg.org/spec/DD/20100524/DC';
const DI = 'http://www.omg.org/spec/DD/20100524/DI';
const SVG = 'http://www.w3.org/2000/svg';

const TAKEN = '#1c6ea4';
const ACTIVE = '#e69500';

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function bounds(node) {
  const b = node.getElementsByTagNameNS(DC, 'Bounds')[0];
  return b && {x: +b.getAttribute('x'), y: +b.getAttribute('y'), w: +b.getAttribute('width'), h: +b.getAttribute('height')};
}

function wrap(text, width) {
  // Chinese has no spaces: break every few characters so a label fits its shape.
  const perLine = Math.max(4, Math.floor(width / 13));
  const lines = [];
  for (let i = 0; i < text.length && lines.length < 4; i += perLine) lines.push(text.slice(i, i + perLine));
  return lines;
}

function label(group, text, cx, y, width) {
  if (!text) return;
  wrap(text, width).forEach((line, i) => group.append(svg('text', {x: cx, y: y + i * 14, 'text-anchor': 'middle', 'font-size': 12, fill: '#333'}, line)));
}

export function renderDiagram(container, xml, counts, activeIds, takenFlowIds) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const elements = {};
  for (const node of Array.from(doc.getElementsByTagNameNS(BPMN, '*'))) {
    if (node.getAttribute('id')) elements[node.getAttribute('id')] = node;
  }
  const shapes = Array.from(doc.getElementsByTagNameNS(BPMNDI, 'BPMNShape'));
  const edges = Array.from(doc.getElementsByTagNameNS(BPMNDI, 'BPMNEdge'));
  if (!shapes.length) throw new Error('模型没有图形信息');
  let minX = Infinity, minY = Infinity, maxX = 0, maxY = 0;
  const grow = (x, y) => { minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y); };
  shapes.forEach(s => { const b = bounds(s); if (b) { grow(b.x, b.y); grow(b.x + b.w, b.y + b.h + 40); } });
  edges.forEach(e => Array.from(e.getElementsByTagNameNS(DI, 'waypoint')).forEach(w => grow(+w.getAttribute('x'), +w.getAttribute('y'))));
  const pad = 20;
  const root = svg('svg', {width: maxX - minX + 2 * pad, height: maxY - minY + 2 * pad,
    viewBox: `${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`, 'font-family': 'sans-serif'});
  root.append(svg('defs', {}));
  root.firstChild.innerHTML = `<marker id="pf-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>
    <marker id="pf-arrow-taken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${TAKEN}"/></marker>`;
  const visited = id => (counts[id] || 0) > 0;

  // Containers first so that their content is drawn above them.
  const ordered = shapes.slice().sort((a, b) => {
    const big = s => /subProcess|participant|lane/i.test((elements[s.getAttribute('bpmnElement')] || {}).localName || '') ? 0 : 1;
    return big(a) - big(b);
  });
  for (const shape of ordered) {
    const id = shape.getAttribute('bpmnElement');
    const element = elements[id];
    const b = bounds(shape);
    if (!element || !b) continue;
    const type = element.localName;
    const name = element.getAttribute('name') || '';
    const taken = visited(id);
    const stroke = activeIds.includes(id) ? ACTIVE : taken ? TAKEN : '#888';
    const width = taken ? 3 : 1.5;
    const g = svg('g', {'data-element-id': id, class: taken ? 'pf-taken' : ''});
    const cx = b.x + b.w / 2, cy = b.y + b.h / 2;
    if (/Event$/.test(type)) {
      g.append(svg('circle', {cx, cy, r: b.w / 2, fill: '#fff', stroke, 'stroke-width': type === 'endEvent' ? width + 2 : width}));
      if (element.getElementsByTagNameNS(BPMN, 'timerEventDefinition').length) {
        g.append(svg('circle', {cx, cy, r: b.w / 2 - 5, fill: 'none', stroke, 'stroke-width': 1}));
        g.append(svg('path', {d: `M${cx},${cy - 8} L${cx},${cy} L${cx + 6},${cy}`, stroke, fill: 'none'}));
      }
      const lb = bounds(shape.getElementsByTagNameNS(BPMNDI, 'BPMNLabel')[0] || shape);
      label(g, name, lb === b ? cx : lb.x + lb.w / 2, lb === b ? b.y + b.h + 14 : lb.y + 11, Math.max(lb.w, 90));
    } else if (/Gateway$/.test(type)) {
      g.append(svg('polygon', {points: `${cx},${b.y} ${b.x + b.w},${cy} ${cx},${b.y + b.h} ${b.x},${cy}`, fill: '#fff', stroke, 'stroke-width': width}));
      g.append(svg('text', {x: cx, y: cy + 6, 'text-anchor': 'middle', 'font-size': 18, fill: stroke},
        type === 'parallelGateway' ? '+' : type === 'exclusiveGateway' ? '×' : type === 'inclusiveGateway' ? '○' : ''));
      label(g, name, cx, b.y - 6, 120);
    } else if (/participant|lane/.test(type)) {
      g.append(svg('rect', {x: b.x, y: b.y, width: b.w, height: b.h, fill: 'none', stroke: '#bbb'}));
    } else {
      const sub = /subProcess|transaction/i.test(type);
      g.append(svg('rect', {x: b.x, y: b.y, width: b.w, height: b.h, rx: 8, fill: sub ? 'none' : '#fff', stroke, 'stroke-width': width,
        'stroke-dasharray': element.getAttribute('triggeredByEvent') === 'true' ? '6 3' : ''}));
      if (sub) label(g, name, b.x + 60, b.y + 16, 110);
      else label(g, name, cx, cy - 4 - (Math.min(3, Math.ceil(name.length / Math.max(4, Math.floor(b.w / 13)))) - 1) * 7, b.w - 6);
    }
    if (taken) {
      // The count badge: how many times the instance entered this element.
      const bx = b.x + b.w - 4, by = b.y + b.h - 2;
      g.append(svg('rect', {x: bx - 11, y: by - 9, width: 22, height: 16, rx: 8, fill: TAKEN, class: 'pf-count'}));
      g.append(svg('text', {x: bx, y: by + 3, 'text-anchor': 'middle', 'font-size': 11, fill: '#fff', 'font-weight': 'bold'}, String(counts[id])));
    }
    root.append(g);
  }
  for (const edge of edges) {
    const element = elements[edge.getAttribute('bpmnElement')];
    const points = Array.from(edge.getElementsByTagNameNS(DI, 'waypoint')).map(w => `${w.getAttribute('x')},${w.getAttribute('y')}`);
    if (!element || points.length < 2) continue;
    // The audit API works out which flows were taken (history records activities only).
    const taken = element.localName === 'sequenceFlow' && takenFlowIds.includes(element.getAttribute('id'));
    const g = svg('g', {'data-element-id': element.getAttribute('id')});
    g.append(svg('polyline', {points: points.join(' '), fill: 'none', stroke: taken ? TAKEN : '#999', 'stroke-width': taken ? 2.5 : 1,
      'marker-end': `url(#${taken ? 'pf-arrow-taken' : 'pf-arrow'})`, 'stroke-dasharray': element.localName === 'sequenceFlow' ? '' : '4 3'}));
    const name = element.getAttribute('name');
    const lb = bounds(edge.getElementsByTagNameNS(BPMNDI, 'BPMNLabel')[0] || edge);
    if (name && lb) label(g, name, lb.x + lb.w / 2, lb.y + 11, Math.max(lb.w, 60));
    root.append(g);
  }
  container.replaceChildren(root);
}
