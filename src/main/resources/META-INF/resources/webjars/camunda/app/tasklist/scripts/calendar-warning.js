/*
 * Early warning of a missing year in the working-day calendar (policy-rules F, WDC-M1), shown above the
 * task list (plugin point tasklist.header) to the offices that keep the calendar, and on the Cockpit
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

export default {
  id: 'policyflow-calendar-warning',
  pluginPoint: 'tasklist.header',
  priority: 10,
  render: (node) => {
    loadCalendarStatus().then((status) => renderCalendarWarning(node, status)).catch(() => node.replaceChildren());
  }
};
