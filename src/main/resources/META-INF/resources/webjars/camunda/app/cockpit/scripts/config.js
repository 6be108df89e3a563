// Cockpit configuration of policyflow; this file shadows the webjar's own config.js.
// customScripts: the audit plugins (history search, instance history, programme targets and deadlines
// on the dashboard), plain ES modules in scripts/audit/ — see docs/audit.md. The Chinese locale and
// the Tasklist/Admin config.js files are issue 9's and are added there. scripts/calendar/: the warning that
// next year's working-day calendar is missing (from 1 November), with the deadlines waiting for it.
export default {
  customScripts: ['scripts/audit/audit-plugins.js', 'scripts/calendar/calendar-warning.js']
};
