/*
 * Works around three faults of form-js 1.8.7 (the form renderer of Tasklist 7.24) without touching the
 * webjar.
 *
 * (1) 发起 / 完成 stayed greyed out in forms with dynamic lists (个别属地的推荐名额, consortium members,
 * responsible persons). form-js records the result of checking a field inside a list row with min-dash's
 * set(errors, [fieldId, rowIndex], undefined): the row entry goes, but errors[fieldId] stays behind as an
 * empty array. Tasklist counts Object.keys(errors) after every change to decide whether the form is
 * valid, so the first value typed into a row disabled the button for good, even after the row was
 * deleted. form-js's own submit() validates afresh and is not affected; only the button is.
 *
 * (2) A removed row came back: its number field hands its last value to a debounced change that form-js
 * flushes when the row's component goes away, and that late change, addressed to the removed row's
 * index, re-created the row as {quota: …} — shown again with an empty 属地 and blocking 发起.
 *
 * (3) Text typed right after leaving a number field vanished. form-js commits typing 300 ms late
 * (debounced), and a number field commits its value once more 300 ms after it was left; the form then
 * redraws every field from the committed values, which puts a text field still waiting for its own
 * commit back to what it held before — "审核意见" came out empty after Tab and quick typing.
 *
 * The script gives every rendered form a 'changed' listener that runs before Tasklist's and removes the
 * entries that hold no message, plus the messages of rows that no longer exist (1); lets no change
 * through that is addressed to a row the list no longer has (2; a new row is first added to the list's
 * data by form-js's own 新增一项, so nothing a person types is lost); and switches form-js's debounce
 * off (its own `debounce: false` option), so every keystroke is committed at once and a redraw always
 * shows what was typed (3). The form instance is reached through the context that form-js provides to
 * its Preact tree (the same getService(…) its own components use); if a later Tasklist renders forms
 * differently, the script finds nothing and does nothing.
 */
const HOOKED = new WeakSet();
// Above Tasklist's listener (default priority 1000): it must see the cleaned errors.
const PRIORITY = 1500;

function hasMessage(entry) {
  if (typeof entry === 'string') return entry.length > 0;
  if (Array.isArray(entry)) return entry.some(hasMessage);
  if (entry && typeof entry === 'object') return Object.values(entry).some(hasMessage);
  return false;
}

/** The form-js instance rendered into a .fjs-container, through the Preact tree's form context. */
function formOf(container) {
  const pending = [container.__k];
  for (let steps = 0; pending.length && steps < 50; steps++) {
    const vnode = pending.shift();
    if (!vnode) continue;
    const value = vnode.props && vnode.props.value;
    if (value && typeof value.getService === 'function') {
      try {
        return value.getService('form', false) || null;
      } catch (e) {
        return null;
      }
    }
    const children = vnode.__k;
    if (Array.isArray(children)) pending.push(...children);
    else if (children) pending.push(children);
  }
  return null;
}

/** How many rows the dynamic list that holds a field has now, or null when it is not in one. */
function rowCount(form, fieldId) {
  try {
    const registry = form.get('formFieldRegistry');
    const field = registry.get(fieldId);
    const list = field && field._parent && registry.get(field._parent);
    if (!list || list.type !== 'dynamiclist') return null;
    const path = form.get('pathRegistry').getValuePath(list);
    let rows = form._getState().data;
    for (const segment of path || []) rows = rows == null ? rows : rows[segment];
    return Array.isArray(rows) ? rows.length : 0;
  } catch (e) {
    return null;
  }
}

function prune(form, errors) {
  for (const id of Object.keys(errors)) {
    const entry = errors[id];
    if (Array.isArray(entry) && entry.length && typeof entry[0] !== 'string') {
      // Per-row messages: the rows of a deleted entry are gone, their messages with them.
      const rows = rowCount(form, id);
      if (rows !== null && entry.length > rows) entry.length = rows;
    }
    if (!hasMessage(entry)) delete errors[id];
  }
}

/** Whether a field change addresses a row beyond the current end of its list. */
function outsideRows(data, valuePath) {
  let node = data;
  for (let i = 0; i < valuePath.length - 1 && node != null; i++) {
    const segment = valuePath[i];
    if (Array.isArray(node) && Number(segment) >= node.length) return true;
    node = node[segment];
  }
  return false;
}

function hook(container) {
  if (HOOKED.has(container)) return;
  const form = formOf(container);
  if (!form || typeof form.on !== 'function') return;
  HOOKED.add(container);
  // (3) Read by every field at each drawing; the hook runs before the form's first paint, so before any
  // typing, and the fields' next drawing commits at once.
  const config = form.get('config', false);
  if (config && config.debounce === undefined) config.debounce = false;
  const update = form._update;
  if (typeof update === 'function') {
    // form-js's renderer calls form._update(…) by name, so the instance's own property is what it runs.
    form._update = function (change) {
      const path = change && change.fieldInstance && change.fieldInstance.valuePath;
      if (Array.isArray(path) && outsideRows(form._getState().data, path)) return undefined;
      return update.call(this, change);
    };
  }
  form.on('changed', PRIORITY, (event) => {
    if (event && event.errors) prune(form, event.errors);
  });
}

let scheduled = false;
function scan() {
  scheduled = false;
  document.querySelectorAll('.fjs-container').forEach(hook);
}

if (typeof document !== 'undefined') {
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      // Before the next paint, and before a person can type into the freshly drawn form.
      Promise.resolve().then(scan);
    }
  }).observe(document.documentElement, { subtree: true, childList: true });
}
