/*
 * Chinese name order in the webapps.
 *
 * The webapps show a person as "firstName lastName" everywhere (header, assignee, comments, task
 * lists), which reads "立新 王" for 王立新. Users keep their real first and last names (Admin edits
 * them, the server composes lastName + firstName itself); only what is shown changes:
 * - Tasklist and Cockpit only read profiles: every profile with a Chinese personal name (surname and
 *   given name of one or two characters each) reaches them as firstName "王立新" and an empty
 *   lastName (the engine's user profile and user list responses are rewritten in the browser, and so
 *   are the people embedded in Tasklist's task lists and task details: assignee and owner);
 * - Admin and Welcome edit profiles, so their data stays as it is: only the name in the header
 *   (the apps' userFullName) is put in Chinese order.
 */
// A Chinese personal name: a surname of one or two characters and a given name of one or two. Other
// names (演示 管理员, a department account) are left as they are.
const SURNAME = /^[\u3400-\u9fff]{1,2}$/;
const GIVEN_NAME = /^[\u3400-\u9fff]{1,2}$/;
const PROFILE_URL = /\/user(\/[^/?#]+\/profile)?\/?(\?|$)/;
const TASKS_URL = /\/(filter\/[^/?#]+\/list|task(\/[^/?#]+)?)\/?(\?|$)/;

export function chineseOrder(profile) {
  if (!profile || typeof profile !== 'object') {
    return profile;
  }
  const first = profile.firstName || '';
  const last = profile.lastName || '';
  if (!SURNAME.test(last) || !GIVEN_NAME.test(first)) {
    return profile;
  }
  return { ...profile, firstName: last + first, lastName: '' };
}

export function rewrite(body) {
  try {
    const data = JSON.parse(body);
    const result = Array.isArray(data) ? data.map(chineseOrder) : chineseOrder(data);
    return JSON.stringify(result);
  } catch (e) {
    return body;
  }
}

/** "立新 王" → "王立新"; any other name as it is. */
export function chineseFullName(name) {
  const match = typeof name === 'string' && name.match(/^([\u3400-\u9fff]{1,2}) ([\u3400-\u9fff]{1,2})$/);
  return match ? match[2] + match[1] : name;
}

/**
 * Task lists and a task's detail come as HAL with the people embedded (_embedded.assignee, .owner):
 * every embedded profile is put in Chinese order; the tasks themselves are left as they are.
 */
export function rewriteEmbedded(data) {
  if (Array.isArray(data)) {
    return data.map(rewriteEmbedded);
  }
  if (!data || typeof data !== 'object') {
    return data;
  }
  if ('firstName' in data && 'lastName' in data) {
    return chineseOrder(data);
  }
  if (!data._embedded || typeof data._embedded !== 'object') {
    return data;
  }
  const embedded = {};
  Object.entries(data._embedded).forEach(([key, value]) => {
    embedded[key] = rewriteEmbedded(value);
  });
  return { ...data, _embedded: embedded };
}

function rewriteHal(body) {
  try {
    return JSON.stringify(rewriteEmbedded(JSON.parse(body)));
  } catch (e) {
    return body;
  }
}

function editsProfiles() {
  return /\/app\/(admin|welcome)\//.test(window.location.pathname);
}

function headerInChineseOrder() {
  // The header reads $rootScope.userFullName; Angular is on the page once the app has bootstrapped.
  const started = Date.now();
  const timer = setInterval(() => {
    const injector = window.angular && window.angular.element(document.body).injector();
    if (!injector && Date.now() - started < 60000) return;
    clearInterval(timer);
    if (!injector) return;
    const root = injector.get('$rootScope');
    root.$watch('userFullName', (name) => {
      const ordered = chineseFullName(name);
      if (ordered !== name) root.userFullName = ordered;
    });
  }, 300);
}

if (typeof window !== 'undefined' && editsProfiles()) {
  headerInChineseOrder();
} else if (typeof XMLHttpRequest !== 'undefined') {
  const open = XMLHttpRequest.prototype.open;
  const text = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'responseText');
  const response = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'response');
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const path = String(url).split('#')[0];
    const engineApi = /(engine-rest|\/api\/engine)\//.test(path);
    let rewriteText = null;
    let rewriteValue = null;
    if (engineApi && String(method).toUpperCase() === 'GET' && PROFILE_URL.test(path)) {
      rewriteText = rewrite;
      rewriteValue = (value) => (Array.isArray(value) ? value.map(chineseOrder) : chineseOrder(value));
    } else if (engineApi && TASKS_URL.test(path)) {
      // Tasklist's task list (a POST to a filter's list) and a task's detail: assignee and owner embedded.
      rewriteText = rewriteHal;
      rewriteValue = rewriteEmbedded;
    }
    if (rewriteText) {
      // Read lazily: the caller's readystatechange handler may run before any of ours.
      Object.defineProperty(this, 'responseText', { configurable: true, get() { return rewriteText(text.get.call(this)); } });
      Object.defineProperty(this, 'response', {
        configurable: true,
        get() {
          const value = response.get.call(this);
          if (typeof value === 'string') return rewriteText(value);
          if (value && typeof value === 'object' && !(value instanceof Blob) && !(value instanceof ArrayBuffer)) {
            return rewriteValue(value);
          }
          return value;
        }
      });
    }
    return open.call(this, method, url, ...rest);
  };
}
