/*
 * Shared by the Tasklist header views 我的申报 (my-cases.js) and 征集批次 (open-calls.js): a header link
 * that opens a panel over the task list, and the way dates are shown. Not a plugin itself.
 */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([key, value]) => {
    if (value == null) return;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  });
  children.filter(Boolean).forEach((child) => node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child));
  return node;
}

/**
 * "2026-06-20T00:00:00+08:00" as an office reads a deadline: a deadline at midnight is the whole previous
 * day (2026-06-19), any other instant its date and time. Read from the text, which the server writes in
 * the office's time zone, so the browser's own zone cannot shift the day.
 */
export function formatDeadline(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(iso || ''));
  if (!m) return iso ? String(iso) : '—';
  const [, y, mo, d, h, mi] = m;
  if (h === '00' && mi === '00') {
    const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d) - 1));
    return day.toISOString().slice(0, 10);
  }
  return `${y}-${mo}-${d} ${h}:${mi}`;
}

/** Loads JSON with the Tasklist login; null when the server refuses (the view is not for this user). */
export async function loadJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const error = new Error(`HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/**
 * A header link that opens a panel below the header with what {@code fill(body)} puts in it, fresh on
 * every opening; the panel closes with ×, Esc or a second click on the link.
 */
export function navbarPanel(node, { id, label, title, fill }) {
  const panel = el('div', {
    'data-pf': `${id}-panel`, role: 'dialog', 'aria-label': title,
    style: 'display:none;position:fixed;left:5%;right:5%;top:60px;max-height:80vh;overflow:auto;z-index:1050;'
      + 'background:#fff;border:1px solid #ccc;border-radius:4px;box-shadow:0 6px 24px rgba(0,0,0,.25);padding:12px 16px'
  });
  const body = el('div');
  const close = () => { panel.style.display = 'none'; };
  const open = async () => {
    panel.style.display = 'block';
    body.replaceChildren(el('p', { class: 'text-muted', text: '加载中…' }));
    try {
      await fill(body, close);
    } catch (e) {
      body.replaceChildren(el('div', { class: 'alert alert-danger', text: `加载失败（${e.message}），请稍后重试。` }));
    }
  };
  panel.append(
    el('button', { type: 'button', class: 'close', 'aria-label': '关闭', text: '×', onclick: close }),
    el('h4', { text: title, style: 'margin-top:0' }),
    body);
  const link = el('a', { href: '', 'data-pf': `${id}-link`, text: label });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    if (panel.style.display === 'block') close(); else open();
  });
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
  node.replaceChildren(link);
  document.getElementById(`policyflow-${id}`)?.remove();
  panel.id = `policyflow-${id}`;
  document.body.appendChild(panel);
  return { open, close };
}

/**
 * Renders the header link of a view only for whom the server answers {@code url}: a refusal (401, 403)
 * leaves the header empty for this user, while any other failure — the server briefly unreachable or
 * busy — still shows the link, whose panel then says 加载失败 and loads again on the next opening.
 */
export function navbarView(node, url, options) {
  node.replaceChildren();
  loadJson(url).then(() => navbarPanel(node, options), (error) => {
    if (error.status === 401 || error.status === 403) node.replaceChildren();
    else navbarPanel(node, options);
  });
}

export function table(headers, rows, attrs = {}) {
  return el('table', { class: 'table table-condensed table-striped', ...attrs }, [
    el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h })))]),
    el('tbody', {}, rows)
  ]);
}
