// Acceptance of issue #19: for each demo role, walk every page that role can open — Welcome, Tasklist
// (filters, each kind of task form it has, each start form it may use, the task's diagram), Cockpit
// (dashboard, lists, each process definition's diagram, the audit search and an instance history) and
// Admin — in a zh-CN browser, and fail on visible Latin-alphabet UI strings outside the allow-list
// (e2e/support/page-checks.mjs) and on diagram labels drawn over each other. Runs after the other
// flows of scripts/e2e-tasklist.sh, so that every programme has instances and open tasks to show.
// E2E_BASE is the application's address. Prints "N passed, M failed" last.
import { BASE, page, launch, finish, rest, step, shot } from './support.mjs';
import { untranslated, overlappingLabels } from '../support/page-checks.mjs';

// One user per role (README, demo users); the administrator last.
const ROLES = [
  ['wanglixin', '通州区科委'], ['sunpeng', '属地部门'], ['huanglei', '申报单位'], ['lijianguo', '市科委'],
  ['zhoujing', '区科技管理部门'], ['sunwen', '项目专员'], ['hewei', '永川区科技局'], ['zhanghua', '评审专家'],
  ['qianfang', '审计人员'], ['lintao', '流程负责人'], ['demo', '系统管理员']
];
// Forms of one kind are checked once per role; a long inbox would otherwise take minutes.
const TASK_KINDS_PER_ROLE = 3;
const START_FORMS_PER_ROLE = 4;

// Ids a page shows as they are: the language switch's "English", the webapps and the engine's name
// (Admin's authorizations, system page), the deployment's name and its resource folders (Cockpit 部署).
const IDS = /^(English|cockpit|tasklist|admin|welcome|default|policyflow|forms|processes|decisions)$/;
let userIds = [];
let groupIds = [];
let findings;
let inflight = 0;

/** Waits until the page has no request in flight for a moment (Angular draws once its data is in). */
async function settle() {
  await page.waitForLoadState('domcontentloaded');
  let quietSince = Date.now();
  // Bounded: Tasklist and Cockpit keep a request open now and then (polling), which is no reason to wait.
  for (const started = Date.now(); Date.now() - started < 5000;) {
    if (inflight > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 300) break;
    await page.waitForTimeout(100);
  }
  // Cockpit and Tasklist show a spinner while a view loads its data.
  await page.locator('.loader:visible, .spinner:visible, .fa-spin:visible').first()
    .waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
}

/** Checks the page as it stands now and notes what is wrong under `where`. */
async function check(where, { diagram = false } = {}) {
  const words = await untranslated(page, [new RegExp(`^(${[...userIds, ...groupIds].join('|')})$`), IDS]);
  for (const word of words) findings.push(`${where}: Latin UI string ${word}`);
  if (diagram) {
    for (const overlap of await overlappingLabels(page)) findings.push(`${where}: labels overlap: ${overlap}`);
  }
  return words.length;
}

async function login(user) {
  await page.context().clearCookies();
  await page.goto('about:blank');
  await page.goto(`${BASE}/camunda/app/welcome/default/`);
  await page.locator('input[type=password]').first().waitFor({ timeout: 120000 });
  await page.locator('input[type=text]').first().fill(user);
  await page.locator('input[type=password]').first().fill('demo');
  await page.locator('button[type=submit]').first().click();
  // The login form goes; the welcome page's own password-change form stays hidden in the page.
  await page.locator('input[type=password][auto-fill]').waitFor({ state: 'hidden' });
  await settle();
}

async function visit(app, route) {
  await page.goto(`${BASE}/camunda/app/${app}/default/${route}`);
  await settle();
}

async function walkWelcome(role) {
  await check(`${role} Welcome`);
  const apps = [];
  for (const app of ['tasklist', 'cockpit', 'admin']) {
    if (await page.locator(`a[href*="/app/${app}/"]:visible`).count()) apps.push(app);
  }
  return apps;
}

async function walkTasklist(role) {
  await visit('tasklist', '');
  await page.getByText('我的待办').first().waitFor();
  await check(`${role} Tasklist`);
  const filters = await page.locator('.filters .item .name, [cam-tasklist-filters] .item .name').allInnerTexts();
  const seen = new Set();
  for (const filter of filters.length ? filters : ['我的待办', '本组待办']) {
    await page.locator('.filters .item, [cam-tasklist-filters] .item').filter({ hasText: filter.trim() }).first().click();
    await settle();
    await check(`${role} Tasklist filter ${filter.trim()}`);
    const tasks = page.locator('.task');
    for (let i = 0; i < (await tasks.count()) && seen.size < TASK_KINDS_PER_ROLE; i++) {
      const name = (await tasks.nth(i).locator('.names h4, h4').first().innerText().catch(() => '')).trim();
      const kind = name.split(/[：（(]/)[0];
      if (!kind || seen.has(kind)) continue;
      seen.add(kind);
      await tasks.nth(i).click();
      await page.locator('.fjs-form, form[name], .no-form').first().waitFor({ timeout: 20000 }).catch(() => {});
      await settle();
      await check(`${role} task form ${name}`);
      const diagramTab = page.locator('.nav-tabs a, .nav-tabs li').filter({ hasText: /^\s*流程图\s*$/ }).first();
      if (await diagramTab.count()) {
        await diagramTab.click();
        await page.locator('.djs-container .djs-element').first().waitFor({ timeout: 20000 }).catch(() => {});
        await settle();
        await check(`${role} task diagram ${name}`, { diagram: true });
      }
    }
  }
  // The start dialog and each start form the role may use.
  await page.getByText('发起流程').first().click();
  await page.locator('.modal').waitFor();
  await settle();
  await check(`${role} Tasklist start dialog`);
  const processes = (await page.locator('.modal a, .modal li').allInnerTexts())
    .map((t) => t.trim()).filter((t) => t && !/^(返回|关闭)$/.test(t));
  for (const name of [...new Set(processes)].slice(0, START_FORMS_PER_ROLE)) {
    const link = page.locator('.modal').getByText(name, { exact: true }).first();
    if (!(await link.count())) continue;
    await link.click();
    await page.locator('.modal .fjs-form').first().waitFor({ timeout: 20000 }).catch(() => {});
    await settle();
    await check(`${role} start form ${name}`);
    const back = page.locator('.modal').getByText('返回', { exact: true });
    if (await back.count()) await back.first().click();
    await settle();
  }
  await page.keyboard.press('Escape');
}

async function walkCockpit(role, { definitions }) {
  for (const [route, title] of [['#/dashboard', '仪表盘'], ['#/processes', '流程'], ['#/decisions', '决策'],
    ['#/tasks', '人工任务'], ['#/repository', '部署'], ['#/audit', '历史审计']]) {
    await visit('cockpit', route);
    await check(`${role} Cockpit ${title}`);
  }
  // The audit search with no criteria, then the first instance's history (timeline, variables, diagram).
  const search = page.locator('[data-pf="history-search"] button[type="submit"]');
  if (await search.count()) {
    await search.click();
    await settle();
    await check(`${role} Cockpit 历史审计 search`);
    const row = page.locator('tr[data-instance] a').first();
    if (await row.count()) {
      await row.click();
      await page.locator('[data-pf="timeline"]').waitFor({ timeout: 20000 }).catch(() => {});
      await settle();
      await check(`${role} Cockpit instance history`, { diagram: true });
    }
  }
  if (!definitions) return;
  await visit('cockpit', '#/processes');
  const links = [...new Set(await page.locator('a[href*="#/process-definition/"]').evaluateAll(
    (anchors) => anchors.map((a) => a.getAttribute('href')).filter((h) => /process-definition\/[^/]+$/.test(h.split('?')[0]))))];
  for (const href of links) {
    await visit('cockpit', href.slice(href.indexOf('#')));
    await page.locator('.djs-container .djs-element').first().waitFor({ timeout: 20000 }).catch(() => {});
    await settle();
    // Read at once: a locator would wait its full timeout on a page that has no such heading.
    const name = await page.evaluate((fallback) => {
      const heading = document.querySelector('.ctn-header h1, .ctn-header h2, h1');
      return heading ? heading.textContent.trim().replace(/\s+/g, ' ') : fallback;
    }, href);
    await check(`${role} Cockpit process ${name}`, { diagram: true });
  }
}

async function walkAdmin(role) {
  for (const [route, title] of [['#/users', '用户'], ['#/groups', '组'], ['#/tenants', '租户'],
    ['#/authorization?resource=0', '授权'], ['#/system?section=system-settings-general', '系统']]) {
    await visit('admin', route);
    await check(`${role} Admin ${title}`);
  }
}

let failed = false;
try {
  await launch({ name: 'walker', viewport: { width: 1400, height: 1000 } });
  page.on('request', () => { inflight++; });
  page.on('requestfinished', () => { inflight = Math.max(0, inflight - 1); });
  page.on('requestfailed', () => { inflight = Math.max(0, inflight - 1); });
  userIds = (await rest('GET', '/engine-rest/user?maxResults=500')).map((u) => u.id);
  groupIds = (await rest('GET', '/engine-rest/group?maxResults=500')).map((g) => g.id);
  let definitionsWalked = false;

  // E2E_WALK_USERS=hewei,demo walks only those roles (while a page is being fixed).
  const only = (process.env.E2E_WALK_USERS || '').split(',').filter(Boolean);
  for (const [user, role] of ROLES.filter(([u]) => !only.length || only.includes(u))) {
    await step(`${role} (${user}): every page it can open reads Chinese, no diagram label overlaps another`, async () => {
      findings = [];
      await login(user);
      const apps = await walkWelcome(role);
      if (apps.includes('tasklist')) await walkTasklist(role);
      if (apps.includes('cockpit')) {
        // Every definition's diagram once, as the first role that sees them all.
        const definitions = !definitionsWalked && (user === 'lintao' || user === 'demo');
        await walkCockpit(role, { definitions });
        definitionsWalked ||= definitions;
      }
      if (apps.includes('admin')) await walkAdmin(role);
      console.log(`     ${role}: ${apps.join(', ') || 'Welcome only'}`);
      if (findings.length) {
        await shot(`walker-${user}-last-page`);
        throw new Error(`${findings.length} finding(s):\n${findings.join('\n')}`);
      }
    }).catch((error) => {
      failed = true;
      for (const line of error.message.split('\n').slice(1)) console.log(`     ${line}`);
    });
  }
} catch (error) {
  failed = true;
  console.log(`walker stopped: ${error.message}`);
}
await finish(failed);
