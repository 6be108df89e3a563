/*
 * Relative times ("6 个月前") in the language of the interface.
 *
 * Each app loads its locale file and the fallback English one; loading a file also switches moment.js
 * to that file's date locale. When the English file arrives last, moment stays English although the
 * interface is Chinese, and every "am-time-ago" (Tasklist's due and creation dates) reads "6 months
 * ago" — only sometimes, as it depends on which response comes first. On every digest this script
 * puts moment back on the language angular-translate uses, once that language's date locale is
 * known, and has the relative times drawn again.
 */
const started = Date.now();

function install() {
  const injector = window.angular && window.angular.element(document.body).injector();
  if (!injector) {
    // Angular is on the page once the app has bootstrapped.
    if (Date.now() - started < 60000) setTimeout(install, 100);
    return;
  }
  if (!injector.has('moment') || !injector.has('$translate')) return;
  const moment = injector.get('moment');
  const translate = injector.get('$translate');
  const root = injector.get('$rootScope');
  root.$watch(() => {
    const wanted = translate.use();
    return wanted && moment.locale() !== wanted && moment.locales().includes(wanted) ? wanted : null;
  }, (wanted) => {
    if (!wanted) return;
    moment.locale(wanted);
    // angular-moment's directives redraw on this event.
    root.$broadcast('amMoment:localeChanged');
  });
}

install();
