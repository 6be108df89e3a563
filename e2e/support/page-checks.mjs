// Checks of a whole page that every browser test shares (no dependencies, plain page.evaluate):
// visible Latin-alphabet words that are not ids or codes, and diagram labels drawn over each other.
// Used by e2e/cockpit-audit.test.mjs and e2e/tasklist/page-walker.mjs.

// Latin-alphabet words a Chinese reader may meet on a page: ids, codes (anything with a digit: credit
// codes, business keys, versions, times), data codes in capitals (group types WORKFLOW / SYSTEM,
// permissions), technical names, the product's name in the footer ("Camunda Platform") and the time
// zone. Everything else written in Latin letters is an untranslated UI string.
export const LATIN_ALLOWED = [
  /^(Camunda|Optimize|Platform|UTC|GMT)$/, /\d/, /^[A-Z][A-Z_]+$/, /^(BPMN|DMN|CMMN|ID|JSON|XML|HTML|URL|OK)$/,
  /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/, /^[A-Z]{2,5}-[A-Z0-9]+(-[A-Z0-9]+)*$/,
  /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, /^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/, /^[a-z0-9]+(-[a-z0-9]+)+$/,
  /^[A-Z][a-z]+_[A-Za-z0-9_]+$/, /^(Task|Gateway|StartEvent|EndEvent|SequenceFlow|CallActivity|SubProcess|BoundaryEvent)_\w+$/,
  // The time zone in Tasklist's footer and file names, paths and addresses.
  /^[A-Z][a-z]+\/[A-Z][a-z_]+$/, /[./]/,
  // File types as the dossier's upload hint names them (允许的文件类型：pdf、doc…): codes, not words.
  /^(pdf|ofd|docx?|xlsx?|pptx?|jpe?g|png|gif|tiff?|zip|rar|txt|csv|wps)$/i
];

/**
 * Visible Latin words on the page that are not ids or codes (its untranslated strings), with where they
 * stand. Read-only form fields count too: a code shown there ("recommend") is a screen text as well.
 * `extraAllowed`: patterns for this page's own ids (user ids, …).
 */
export async function untranslated(page, extraAllowed = []) {
  const found = await page.evaluate(() => {
    const words = [];
    const skip = 'script, style, noscript, svg, [data-pf="variables"] .pf-code, .pf-value, #policyflow-language';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const where = (element) => (element.closest('label, h1, h2, h3, th, button, a, .fjs-form-field, td, li, p, div') || element)
      .textContent.trim().replace(/\s+/g, ' ').slice(0, 60);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      if (!parent.checkVisibility || !parent.checkVisibility()) continue;
      for (const word of node.nodeValue.match(/[A-Za-z][A-Za-z0-9_.:/-]*/g) || []) words.push([word.replace(/[.:/]+$/, ''), where(parent)]);
    }
    for (const input of document.querySelectorAll('input[readonly], input[disabled], textarea[readonly], textarea[disabled]')) {
      if (input.type === 'checkbox' || input.type === 'radio' || input.closest(skip) || !input.checkVisibility()) continue;
      for (const word of input.value.match(/[A-Za-z][A-Za-z0-9_.:/-]*/g) || []) words.push([word.replace(/[.:/]+$/, ''), `field value ${input.value.slice(0, 40)}`]);
    }
    return words;
  });
  const allowed = [...LATIN_ALLOWED, ...extraAllowed];
  const result = new Map();
  for (const [word, context] of found) {
    if (word.length > 1 && !allowed.some((re) => re.test(word)) && !result.has(word)) result.set(word, context);
  }
  return [...result].map(([word, context]) => `${word} (${context})`);
}

/**
 * Pairs of labels in the bpmn-js canvases of the page whose drawn text boxes overlap by more than
 * `tolerance` pixels each way: element names inside shapes and the external labels of events, gateways
 * and flows alike. Answers "名称甲 ⟷ 名称乙" strings; empty when nothing overlaps (or no diagram).
 */
export async function overlappingLabels(page, tolerance = 2) {
  return page.evaluate((tolerance) => {
    const overlaps = [];
    for (const canvas of document.querySelectorAll('.djs-container')) {
      const labels = [];
      for (const element of canvas.querySelectorAll('.djs-element')) {
        for (const text of element.querySelectorAll(':scope > .djs-visual > text')) {
          const content = text.textContent.trim();
          const box = text.getBoundingClientRect();
          if (content && box.width > 0 && box.height > 0) labels.push({ id: element.getAttribute('data-element-id'), content, box });
        }
      }
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i].box, labels[j].box];
          const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Scaled: the canvas may be zoomed out, the tolerance is meant in diagram units.
          const scale = canvas.querySelector('.viewport')?.getCTM?.()?.a || 1;
          if (width > tolerance * scale && height > tolerance * scale) {
            overlaps.push(`${labels[i].id} “${labels[i].content}” ⟷ ${labels[j].id} “${labels[j].content}”`);
          }
        }
      }
    }
    return overlaps;
  }, tolerance);
}
