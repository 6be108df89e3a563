/*
 * Language of the Camunda webapps (Welcome, Tasklist, Cockpit, Admin), loaded as a custom script by
 * each app's scripts/config.js.
 *
 * The webapps pick their locale from the browser language alone (zh / zh-CN → locales/zh.json).
 * A person whose browser is set to another language, or who prefers English, chooses here; the
 * choice is kept in this browser (localStorage) for all four apps. It has to be applied before the
 * app reads navigator.languages, which happens after the custom scripts have loaded.
 */
const KEY = 'policyflow.locale';
const LOCALES = { zh: '中文', en: 'English' };

const chosen = localStorage.getItem(KEY);
if (LOCALES[chosen]) {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => [chosen] });
  Object.defineProperty(navigator, 'language', { configurable: true, get: () => chosen });
}

function current() {
  const lang = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function choose(locale) {
  localStorage.setItem(KEY, locale);
  window.location.reload();
}

function addSwitch() {
  if (document.getElementById('policyflow-language')) {
    return;
  }
  const box = document.createElement('div');
  box.id = 'policyflow-language';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', '界面语言 / Language');
  const active = current();
  Object.entries(LOCALES).forEach(([locale, label], index) => {
    if (index > 0) {
      box.appendChild(document.createTextNode(' | '));
    }
    const link = document.createElement(locale === active ? 'strong' : 'a');
    link.textContent = label;
    link.lang = locale;
    if (locale !== active) {
      link.href = '#';
      link.title = locale === 'zh' ? '切换为中文界面' : 'Switch to English';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        choose(locale);
      });
    }
    box.appendChild(link);
  });
  document.body.appendChild(box);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', addSwitch);
} else {
  addSwitch();
}
