// Cockpit configuration of policyflow; this file shadows the webjar's own config.js.
// customScripts: the language choice shared by all four webapps (welcome/scripts/language.js), names
// in Chinese order (welcome/scripts/names.js), relative times in the interface's language
// (welcome/scripts/relative-time.js) and
// the audit plugins (history search, instance history, programme targets and deadlines on the
// dashboard), plain ES modules in scripts/audit/ — see docs/audit.md; scripts/calendar/: the warning
// that next year's working-day calendar is missing (from 1 November), with the deadlines waiting for it.
export default {
  // Chinese for a Chinese browser (navigator language zh / zh-CN) or when chosen in the language
  // switch; keys that locales/zh.json does not translate fall back to English.
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // The header reads "Camunda 驾驶舱" (the app names of the Chinese app switch).
  app: { name: '驾驶舱' },
  customScripts: ['../welcome/scripts/language.js', '../welcome/scripts/names.js', '../welcome/scripts/relative-time.js', 'scripts/audit/audit-plugins.js',
    'scripts/calendar/calendar-warning.js']
};
