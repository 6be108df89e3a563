/*
 * Chinese name order in Tasklist and Cockpit.
 *
 * The webapps show a person as "firstName lastName" everywhere (header, assignee, comments, task
 * lists), which reads "立新 王" for 王立新. Users keep their real first and last names (Admin edits
 * them, the server composes lastName + firstName itself); only what these two read-only apps
 * receive from the engine's user profile queries is shown in Chinese order: a profile whose name
 * is written in Chinese characters arrives as firstName "王立新" and an empty lastName. Admin and
 * Welcome, where profiles are edited, do not load this script.
 */
const HAN = /[\u3400-\u9fff]/;
const PROFILE_URL = /\/user(\/[^/?#]+\/profile)?\/?(\?|$)/;

export function chineseOrder(profile) {
  if (!profile || typeof profile !== 'object') {
    return profile;
  }
  const first = profile.firstName || '';
  const last = profile.lastName || '';
  if (!HAN.test(first + last)) {
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

if (typeof XMLHttpRequest !== 'undefined') {
  const open = XMLHttpRequest.prototype.open;
  const text = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'responseText');
  const response = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'response');
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const path = String(url).split('#')[0];
    if (String(method).toUpperCase() === 'GET' && PROFILE_URL.test(path) && /(engine-rest|\/api\/engine)\//.test(path)) {
      // Read lazily: the caller's readystatechange handler may run before any of ours.
      Object.defineProperty(this, 'responseText', { configurable: true, get() { return rewrite(text.get.call(this)); } });
      Object.defineProperty(this, 'response', {
        configurable: true,
        get() {
          const value = response.get.call(this);
          if (typeof value === 'string') return rewrite(value);
          if (value && typeof value === 'object' && !(value instanceof Blob) && !(value instanceof ArrayBuffer)) {
            return Array.isArray(value) ? value.map(chineseOrder) : chineseOrder(value);
          }
          return value;
        }
      });
    }
    return open.call(this, method, url, ...rest);
  };
}
