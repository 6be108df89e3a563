/*
 * A refused form is shown where the person looks: next to the button just pressed and under the
 * fields concerned, in the interface's language only.
 *
 * Tasklist 7.24 puts every failed submission into its notification panel — at the top of the start
 * dialog, far above the 发起 button of a long form, or at the top of the task view — as
 * "<流程无法发起。> : <the server's message>", and the server's message carries both languages. The
 * server answers a refused form in one shape (platform/RefusalResponses):
 *   400 {"type":"PolicyRuleException","violations":[{ruleId, field, reasonZh, reasonEn}, …]}
 *   422 {"type":"MissingCalendarYearException","message":"<Chinese> / <English>"}
 * This script reads that answer of the submit request itself, writes the reasons above the button and
 * under each named field (a field is named by its key, rows of a dynamic list as key[i].rowKey), and
 * closes Tasklist's notification of the same refusal. Answers of any other shape are left to Tasklist.
 * A field's message goes once the person changes that field; all of them go with the next submission.
 */
const SUBMIT = /\/(process-definition|task)\/([^/?]+)\/(submit-form|complete)\/?(\?|$)/;
const FIELD_PATH = /^([^[\].]+)(?:\[(\d+)\]\.([^[\].]+))?$/;

function chinese() {
  const lang = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return lang.toLowerCase().startsWith('zh');
}

const TEXT = chinese()
  ? { notStarted: '未发起：', notSubmitted: '未提交：', several: '项需要修改：', rule: '规则' }
  : { notStarted: 'Not started: ', notSubmitted: 'Not submitted: ', several: ' entries need changing: ', rule: 'rule' };

/** The reasons of a refusal answer, or null when the answer is not a refusal in the project's shape. */
function reasonsOf(status, body) {
  if (!body || typeof body !== 'object') return null;
  if (status === 400 && Array.isArray(body.violations) && body.violations.length) {
    return body.violations.map((v) => ({
      ruleId: v.ruleId,
      field: v.field,
      text: (chinese() ? v.reasonZh : v.reasonEn) || v.reasonZh || v.reasonEn || ''
    }));
  }
  if (status === 422 && typeof body.message === 'string' && body.type === 'MissingCalendarYearException') {
    // "<Chinese> / <English>": one language only.
    const parts = body.message.split(' / ');
    return [{ ruleId: null, field: null, text: chinese() ? parts[0] : parts.slice(1).join(' / ') || parts[0] }];
  }
  return null;
}

/** The start dialog's form for a start request, the task view's form for a task request. */
function formContainer(kind) {
  const containers = [...document.querySelectorAll('.fjs-container')];
  if (kind === 'process-definition') return containers.find((c) => c.closest('.modal')) || null;
  return containers.find((c) => !c.closest('.modal')) || null;
}

/** The row of buttons the person pressed: the dialog's footer, or the task form's actions. */
function buttonRow(kind, container) {
  if (kind === 'process-definition') {
    const modal = container && container.closest('.modal');
    return modal && modal.querySelector('.modal-footer');
  }
  const form = container && container.closest('[cam-tasklist-form], .cam-tasklist-form, form, .task-card') ;
  const scope = form || document;
  return [...scope.querySelectorAll('.form-actions')].find((row) => row.offsetParent !== null)
    || document.querySelector('.form-actions');
}

function labelText(element) {
  const label = element.querySelector(':scope > label, :scope > .fjs-form-field-label, :scope label');
  if (!label) return '';
  // Without the asterisk form-js adds to a required field's label.
  const copy = label.cloneNode(true);
  copy.querySelectorAll('.fjs-asterix').forEach((mark) => mark.remove());
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

/** The label form-js shows for a key, read from the form's schema as Tasklist received it. */
function schemaLabel(schema, key, childKey) {
  const walk = (components) => {
    for (const c of components || []) {
      if (!childKey && c.key === key) return c.label || c.dateLabel || c.timeLabel || null;
      if (childKey && (c.path === key || c.key === key) && c.type === 'dynamiclist') {
        const child = (c.components || []).find((x) => x.key === childKey);
        return child ? { list: c.label, child: child.label || child.dateLabel || null } : null;
      }
      const inner = walk(c.components);
      if (inner) return inner;
    }
    return null;
  };
  return walk(schema && schema.components);
}

function byLabel(elements, label) {
  if (!label) return null;
  const wanted = label.replace(/\s+/g, ' ').trim();
  return elements.find((e) => labelText(e) === wanted) || null;
}

/** The .fjs-form-field that a violation's field names, or null. */
function fieldElement(container, schema, path) {
  const match = FIELD_PATH.exec(path || '');
  if (!match) return null;
  const [, key, row, childKey] = match;
  const fields = [...container.querySelectorAll('.fjs-form-field')];
  if (childKey === undefined) {
    return byLabel(fields, schemaLabel(schema, key));
  }
  const labels = schemaLabel(schema, key, childKey);
  const list = labels && byLabel(fields.filter((f) => f.querySelector('.fjs-repeat-row-container')), labels.list);
  if (!list) return null;
  const rows = list.querySelectorAll('.fjs-repeat-row-container');
  const rowElement = rows[Number(row)];
  if (!rowElement) return list;
  return byLabel([...rowElement.querySelectorAll('.fjs-form-field')], labels.child) || rowElement;
}

function clear() {
  document.querySelectorAll('.policyflow-refusal, .policyflow-field-refusal').forEach((e) => e.remove());
  document.querySelectorAll('.policyflow-refused').forEach((e) => e.classList.remove('policyflow-refused'));
}

function ruleNote(ruleId) {
  const note = document.createElement('small');
  note.className = 'policyflow-rule';
  note.textContent = `（${TEXT.rule} ${ruleId}）`;
  return note;
}

function markField(element, reason) {
  element.classList.add('policyflow-refused');
  const message = document.createElement('div');
  message.className = 'policyflow-field-refusal';
  message.setAttribute('role', 'alert');
  message.textContent = reason.text;
  if (reason.ruleId) message.appendChild(ruleNote(reason.ruleId));
  element.appendChild(message);
  const done = () => {
    message.remove();
    element.classList.remove('policyflow-refused');
    element.removeEventListener('input', done, true);
    element.removeEventListener('change', done, true);
  };
  element.addEventListener('input', done, true);
  element.addEventListener('change', done, true);
}

function summary(kind, reasons) {
  const box = document.createElement('div');
  box.className = 'alert alert-danger policyflow-refusal';
  box.setAttribute('role', 'alert');
  const head = document.createElement('strong');
  const prefix = kind === 'process-definition' ? TEXT.notStarted : TEXT.notSubmitted;
  if (reasons.length === 1) {
    head.textContent = prefix;
    box.append(head, document.createTextNode(reasons[0].text));
    if (reasons[0].ruleId) box.appendChild(ruleNote(reasons[0].ruleId));
    return box;
  }
  head.textContent = `${prefix}${reasons.length}${TEXT.several}`;
  const list = document.createElement('ol');
  for (const reason of reasons) {
    const item = document.createElement('li');
    item.textContent = reason.text;
    if (reason.ruleId) item.appendChild(ruleNote(reason.ruleId));
    list.appendChild(item);
  }
  box.append(head, list);
  return box;
}

let pending = null;

/** Closes Tasklist's own notification of this refusal (its close button keeps Tasklist's list right). */
function closeEngineNotices() {
  if (!pending || Date.now() - pending.at > 10000) return;
  document.querySelectorAll('.notifications .alert').forEach((alert) => {
    const text = alert.textContent;
    if (pending.markers.some((marker) => marker && text.includes(marker))) {
      // uib-alert adds a hidden close button of its own; the notification's is the visible one.
      const close = [...alert.querySelectorAll('.close')].find((button) => button.offsetParent !== null);
      if (close) close.click();
    }
  });
}

function show(kind, status, body) {
  const reasons = reasonsOf(status, body);
  if (!reasons) return;
  clear();
  const container = formContainer(kind);
  const schema = schemas[kind];
  if (container) {
    for (const reason of reasons) {
      const element = reason.field && fieldElement(container, schema, reason.field);
      if (element) markField(element, reason);
    }
  }
  const row = buttonRow(kind, container);
  const box = summary(kind, reasons);
  if (row) {
    row.insertBefore(box, row.firstChild);
  } else if (container) {
    container.parentElement.appendChild(box);
  } else {
    return;
  }
  // The message and the buttons together: the person sees both without scrolling.
  (row || box).scrollIntoView({ block: 'nearest' });
  pending = {
    at: Date.now(),
    markers: [body.message, ...(body.violations || []).flatMap((v) => [v.reasonEn, v.reasonZh])]
      .filter((m) => typeof m === 'string' && m.length > 3)
  };
  closeEngineNotices();
}

/** The schema of the start form and of the task form Tasklist loaded last (fields are found by label). */
const SCHEMA_URL = /\/(process-definition|task)\/([^/?]+)\/(deployed-start-form|deployed-form)(\?|$)/;
const schemas = {};

if (typeof window !== 'undefined' && window.fetch) {
  const originalFetch = window.fetch;
  window.fetch = function (input, ...rest) {
    const url = String(input && input.url ? input.url : input);
    const result = originalFetch.call(this, input, ...rest);
    if (SCHEMA_URL.test(url)) {
      const kind = SCHEMA_URL.exec(url)[1];
      result.then((response) => response.ok && response.clone().json())
        .then((schema) => { if (schema) schemas[kind] = schema; })
        .catch(() => {});
    }
    return result;
  };
}

if (typeof XMLHttpRequest !== 'undefined') {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const match = String(method).toUpperCase() === 'POST' && SUBMIT.exec(String(url));
    if (match) {
      clear();
      this.addEventListener('load', () => {
        if (this.status >= 200 && this.status < 300) return;
        let body;
        try {
          body = JSON.parse(this.responseText);
        } catch (e) {
          return;
        }
        show(match[1], this.status, body);
      });
    }
    return open.call(this, method, url, ...rest);
  };
}

if (typeof document !== 'undefined') {
  const style = document.createElement('style');
  style.textContent = `
    .policyflow-refusal { text-align: left; margin-bottom: 10px; }
    .policyflow-refusal ol { margin: 4px 0 0 0; padding-left: 20px; }
    .policyflow-rule { color: #8a6d6d; margin-left: 4px; font-weight: normal; }
    .policyflow-field-refusal { color: #a94442; margin-top: 4px; font-size: 13px; }
    .policyflow-refused input, .policyflow-refused textarea, .policyflow-refused .fjs-input-group,
    .policyflow-refused select { border-color: #a94442 !important; }`;
  document.head.appendChild(style);
  new MutationObserver(closeEngineNotices).observe(document.documentElement, { subtree: true, childList: true });
}
