/*
 * Keeps 发起 / 完成 usable in forms with dynamic lists (个别属地的推荐名额, consortium members, responsible
 * persons).
 *
 * form-js 1.8.7 records the result of checking a field inside a list row with min-dash's set(errors,
 * [fieldId, rowIndex], undefined): the row entry goes, but errors[fieldId] stays behind as an empty
 * array. Tasklist 7.24 counts Object.keys(errors) after every change to decide whether the form is
 * valid, so the first value typed into a row disables the button for good, even after the row is
 * deleted. form-js's own submit() validates afresh and is not affected; only the button is.
 *
 * A removed row also came back: its number field hands its last value to a debounced change that
 * form-js flushes when the row's component goes away, and that late change, addressed to the removed
 * row's index, re-creates the row as {quota: …} — shown again with an empty 属地 and blocking 发起.
 *
 * The script gives every rendered form a 'changed' listener that runs before Tasklist's and removes
 * the entries that hold no message, plus the messages of rows that no longer exist, and lets no change
 * through that is addressed to a row the list no longer has (a new row is first added to the list's
 * data by form-js's own 新增一项, so nothing a person types is lost). Nothing in the
 * webjar is changed. The form instance is reached through the context that form-js provides to its
 * Preact tree (the same getService(…) its own components use); if a later Tasklist renders forms
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
