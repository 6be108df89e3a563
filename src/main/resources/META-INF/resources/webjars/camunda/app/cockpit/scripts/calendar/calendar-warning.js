// Cockpit dashboard: early warning of a missing year in the working-day calendar (WDC-M1), the same view
// the offices see in Tasklist. Read-only.
import {loadCalendarStatus, renderCalendarWarning} from '../../../tasklist/scripts/calendar-warning.js';

export default [
  {
    id: 'policyflow.calendar.warning',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    render: node => { loadCalendarStatus().then(status => renderCalendarWarning(node, status)).catch(() => node.replaceChildren()); }
  }
];
