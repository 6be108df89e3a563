/*
 * Early warning of a missing year in the working-day calendar (policy-rules F, WDC-M1), shown in the
 * Tasklist header (plugin point tasklist.navbar.action: a warning that opens its explanation) to the
 * offices that keep the calendar, and on the Cockpit
 * dashboard (cockpit/scripts/calendar/calendar-warning.js imports renderCalendarWarning from here).
 * Data: GET <context>/api/calendar/status, answered for the webapp login of those offices, auditors and
 * process owners; anyone else gets 403 and sees nothing. Nothing here changes anything.
 */
const STATUS = new URL('../../../../api/calendar/status', import.meta.url);

export async function loadCalendarStatus() {
  const response = await fetch(STATUS, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : null;
}

export function renderCalendarWarning(node, status) {
  node.replaceChildren();
  if (!status || !status.warning) return;
  const box = document.createElement('div');
  box.className = 'alert alert-warning';
  box.setAttribute('role', 'alert');
  box.setAttribute('data-pf', 'calendar-warning');
  box.style.margin = '8px 12px';
  const title = document.createElement('strong');
  title.textContent = `工作日历缺少${status.nextYear}年节假日安排`;
  const text = document.createElement('div');
  text.textContent = status.message;
  box.append(title, text);
  node.append(box);
}

/** The navbar item: always visible while the warning holds; a click opens the explanation below it. */
function renderNavbarWarning(node, status) {
  node.replaceChildren();
  if (!status || !status.warning) return;
  const link = document.createElement('a');
  link.href = '';
  link.setAttribute('data-pf', 'calendar-warning-link');
  link.style.color = '#a94442';
  link.style.fontWeight = 'bold';
  link.textContent = `⚠ 工作日历缺少${status.nextYear}年安排`;
  const panel = document.createElement('div');
  panel.style.cssText = 'display:none;position:absolute;right:0;top:100%;width:420px;z-index:1000;white-space:normal';
  renderCalendarWarning(panel, status);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    panel.style.display = panel.style.display === 'none' ? 'block' : 'none';
  });
  node.style.position = 'relative';
  node.append(link, panel);
}

export default {
  id: 'policyflow-calendar-warning',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    loadCalendarStatus().then((status) => renderNavbarWarning(node, status)).catch(() => node.replaceChildren());
  }
};
