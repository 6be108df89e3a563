// What every Tasklist browser flow does the same way: the browser (Debian chromium, zh-CN), the engine
// REST API and test clock, steps with their screenshots and the closing "N passed, M failed" line, and a
// person's moves in Tasklist (log in, start a process, open and claim a task, fill form-js fields, complete).
// One flow per node process, so the browser lives in this module; `page` and `context` are live bindings.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BASE = process.env.E2E_BASE;
export const SHOTS = process.env.E2E_SCREENSHOTS || 'target/e2e-screenshots';
export const DOC_IMAGES = process.env.E2E_DOC_IMAGES;
fs.mkdirSync(SHOTS, { recursive: true });

export let page;
export let context;
const results = [];
let browserDir;
let failurePrefix = 'FAILED-';
let fullPageShots = false;
const browserLog = [];

function remember(line) {
  browserLog.push(line);
  if (browserLog.length > 20) browserLog.shift();
}

/** Opens the browser; `name` tells this flow's failure screenshots and profile directory apart. */
export async function launch({ name, viewport = { width: 1400, height: 900 }, fullPage = false, acceptDownloads = false } = {}) {
  failurePrefix = name ? `FAILED-${name}-` : 'FAILED-';
  fullPageShots = fullPage;
  browserDir = fs.mkdtempSync(path.join(os.tmpdir(), `policyflow-${name || 'tasklist'}-chromium-`));
  context = await chromium.launchPersistentContext(browserDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport,
    acceptDownloads
  });
  page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30000);
  // The browser's own errors and refused requests, printed with a failed step: what the page saw.
  page.on('console', (message) => { if (message.type() === 'error') remember(`console: ${message.text()}`); });
  page.on('pageerror', (error) => remember(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) remember(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return page;
}

/** Closes the browser, prints the count line and ends the process with its status. */
export async function finish(failed) {
  if (context) await context.close().catch(() => {});
  if (browserDir) fs.rmSync(browserDir, { recursive: true, force: true });
  const passed = results.filter((r) => r.ok).length;
  // An error outside any step (the browser did not start) still counts as a failure.
  const failedCount = results.length - passed + (failed && results.every((r) => r.ok) ? 1 : 0);
  console.log(`${passed} passed, ${failedCount} failed`);
  process.exit(failedCount ? 1 : 0);
}

export async function rest(method, url, body, user = 'demo') {
  const response = await fetch(`${BASE}${url}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${user}:demo`).toString('base64')}`,
      'Content-Type': 'application/json'
    },
    body: body ? JSON.stringify(body) : undefined
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} as ${user}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Form values as the engine REST API takes them; lists (checklist, dynamic list) as Json like Tasklist sends them. */
export function variables(values) {
  const result = {};
  for (const [name, value] of Object.entries(values)) {
    result[name] = typeof value === 'object' ? { value: JSON.stringify(value), type: 'Json' } : { value };
  }
  return result;
}

/** The engine clock (profile e2e only): due timers run before the call returns. */
export async function setClock(iso) {
  const result = await rest('POST', `/api/test-clock?now=${encodeURIComponent(iso)}`);
  if (result.notExecuted.length) throw new Error(`jobs not executed at ${iso}: ${result.notExecuted}`);
}

/** Waits until `probe()` is truthy (polling the engine, not sleeping for luck); returns its value. */
export async function until(what, probe, { tries = 60, every = 500 } = {}) {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  throw new Error(`${what}: not reached after ${(tries * every) / 1000} s`);
}

/** GB 32100-2015 unified social credit code: 17 characters and a check character (weights 3^i mod 31). */
export function creditCode(prefix, n) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `${prefix}${String(n).padStart(17 - prefix.length, '0')}`;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((total, c, i) => total + chars.indexOf(c) * weights[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

/** A small, real PDF whose text names what it is, so every upload has its own bytes and checksum. */
export function pdf(title) {
  const text = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n`
    + `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${title} ${Date.now()}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(text, 'utf8');
}

/** Attaches documents to a task's dossier over the REST API, as `user` (the task's office). */
export async function attach(taskId, documents, user) {
  for (const [type, fileName] of Object.entries(documents)) {
    const form = new FormData();
    form.append('type', type);
    form.append('file', new Blob([pdf(fileName)], { type: 'application/pdf' }), fileName);
    const response = await fetch(`${BASE}/api/dossiers/tasks/${taskId}/documents`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${user}:demo`).toString('base64')}` },
      body: form
    });
    if (response.status !== 201) throw new Error(`upload ${type} to ${taskId}: ${response.status} ${await response.text()}`);
  }
}

export async function shot(name, docName) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: fullPageShots });
  if (docName && DOC_IMAGES) fs.copyFileSync(file, path.join(DOC_IMAGES, docName));
}

export async function step(name, fn) {
  browserLog.length = 0;
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error.message.split('\n').slice(0, 3).join(' | ')}`);
    if (page) await shot(`${failurePrefix}${name.replace(/[^\w-]+/g, '_')}`).catch(() => {});
    // What the engine had open at that moment, to tell a UI problem from a process problem.
    const open = await rest('GET', '/engine-rest/task').catch(() => []);
    const incidents = await rest('GET', '/engine-rest/incident').catch(() => []);
    console.log(`     open tasks: ${open.map((t) => t.name).join('; ') || '-'}`);
    console.log(`     incidents: ${incidents.map((i) => `${i.activityId}: ${i.incidentMessage}`).join('; ') || '-'}`);
    console.log(`     browser: ${browserLog.join(' | ') || '-'}`);
    throw error;
  }
}

export async function login(user) {
  await context.clearCookies();
  // A fresh page load: a hash change alone keeps the old session's view, and filling the login form
  // before Angular has rendered it loses the input.
  await page.goto('about:blank');
  await page.goto(`${BASE}/camunda/app/tasklist/default/#/login`);
  await page.waitForLoadState('networkidle');
  const username = page.locator('input[ng-model=username]');
  const password = page.locator('input[type=password]');
  // The first page of a freshly started, busy application loads its scripts slowly.
  await username.waitFor({ timeout: 120000 });
  for (let attempt = 0; attempt < 3; attempt++) {
    await username.fill(user);
    await password.fill('demo');
    if ((await username.inputValue()) === user && (await password.inputValue()) === 'demo') break;
    await page.waitForTimeout(500);
  }
  await page.click('button[type=submit]');
  await page.getByText('我的待办').first().waitFor();
}

export const modal = () => page.locator('.modal');

/** The form-js field whose label contains `label` (the last one: a redrawn form keeps the new one last). */
export const field = (label, scope = page) =>
  scope.locator('.fjs-form-field').filter({ has: page.locator('label, .fjs-form-field-label', { hasText: label }) }).last();

/**
 * Waits until form-js has drawn what the last entry changed (a reason field that appears for a low
 * score, a field's message): leaving a field commits its value and form-js (Preact) redraws the form a
 * moment later. Only the drawing is waited for — a text lost to a late commit (form-js-fixes.js, fault 3)
 * still fails fill()'s check, since that commit came 300 ms after leaving, long after these frames.
 */
export async function settle() {
  await page.evaluate(() => new Promise((resolve) => {
    // Settled: three frames in a row in which no form changed (at most 5 s, then the check below speaks).
    let quietFrames = 0;
    const observer = new MutationObserver(() => { quietFrames = 0; });
    document.querySelectorAll('.fjs-container').forEach((form) => observer.observe(form,
      { subtree: true, childList: true, attributes: true, characterData: true }));
    const deadline = performance.now() + 5000;
    const frame = () => {
      if (++quietFrames >= 3 || performance.now() > deadline) {
        observer.disconnect();
        setTimeout(resolve, 0);
      } else {
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  }));
}

export async function fill(label, value, scope) {
  const input = field(label, scope).locator('input, textarea').first();
  await input.click();
  await input.fill(String(value));
  // Leaving the field lets form-js commit the value (it validates on blur).
  await input.press('Tab');
  await settle();
  const shown = await input.inputValue();
  if (shown !== String(value)) {
    const forms = await page.locator('.fjs-form').count();
    throw new Error(`${label}: the form shows "${shown}" after entering "${value}" (${forms} form(s) on the page)`);
  }
}

/** Picks `option` in the form-js dropdown inside `scope` (a field or a row of a dynamic list). */
export async function chooseIn(scope, option) {
  // The dropdown opens on focus (Tab from the previous field) and a click toggles it.
  const opener = scope.locator('.fjs-input-group, input').first();
  const item = page.locator('.fjs-dropdownlist-item').filter({ hasText: option }).first();
  for (let attempt = 0; attempt < 3 && !(await item.isVisible()); attempt++) {
    await opener.click();
    await page.waitForTimeout(200);
  }
  await item.click();
}

export const choose = (label, option, scope) => chooseIn(field(label, scope), option);

/** Radio buttons and checklists: clicks the option's own label. */
export const pick = (label, option, scope) => field(label, scope).getByText(option, { exact: true }).first().click();

export async function date(label, value, scope) {
  const input = field(label, scope).locator('input').first();
  await input.fill(value);
  // Tab, not Escape: Escape would close Tasklist's start dialog together with the date picker.
  await input.press('Tab');
  await settle();
}

export async function startProcess(name) {
  await page.getByText('发起流程').first().click();
  await modal().getByText(name, { exact: true }).click();
  await modal().locator('.fjs-form').waitFor();
}

export const startButton = () => modal().getByRole('button', { name: '发起' });

export async function submitStart() {
  // The notice of an earlier start may still be on the page (started.js keeps it until closed): a caller
  // that waits for "流程已发起" must see this start's notice, not the last one.
  await page.evaluate(() => {
    document.getElementById('policyflow-started')?.remove();
    for (const alert of document.querySelectorAll('.alert')) {
      if (alert.textContent.includes('流程已发起')) alert.remove();
    }
  });
  await startButton().click();
}

/**
 * Reloads Tasklist and waits until `ready` shows. (A reload that stayed on Tasklist's spinner, seen once
 * in many runs, was Camunda's shared CSP nonce: the page got another request's nonce and the browser
 * refused its scripts. CspNoncePerRequestFilter fixes that; a failure here prints the browser's refusals.)
 */
export async function reloadTasklist(ready) {
  await page.reload();
  await ready.waitFor();
}

/**
 * Opens the task `name` under the filter `filter` after a reload and claims it when it is a group task.
 * Returns whether form-zh.js showed its hint to claim first.
 */
export async function openTask(filter, name) {
  const filterLink = page.getByText(filter, { exact: false }).first();
  await reloadTasklist(filterLink);
  await filterLink.click();
  await page.locator('.task').filter({ hasText: name }).first().click();
  await page.locator('h2, .names h2, .task-details').filter({ hasText: name }).first().waitFor();
  const claim = page.getByRole('button', { name: '认领', exact: true });
  let claimHintShown = false;
  if (await claim.count()) {
    // form-zh.js tells a candidate to claim first; it appears once the form is drawn.
    claimHintShown = await page.locator('.policyflow-claim-hint').first().waitFor({ timeout: 10000 })
      .then(() => true, () => false);
    await claim.first().click();
    // Tasklist ends a claim by reloading the task and then moving the focus to the task's assignee field:
    // entries typed before that moment would be lost to it (a text area's text vanished this way).
    await page.waitForFunction(() => document.activeElement?.closest('[cam-tasklist-task-meta] .assignee'));
  }
  await page.locator('.fjs-form').first().waitFor();
  await settle();
  return claimHintShown;
}

const tab = (title) => page.locator('.nav-tabs a, .nav-tabs li').filter({ hasText: new RegExp(`^\\s*${title}\\s*$`) }).first();

export async function openDossierTab() {
  await tab('申报材料').click();
  await page.locator('[data-pf=dossier]').first().waitFor();
}

export async function openFormTab() {
  await tab('表单').click();
  await page.locator('.fjs-form').first().waitFor();
}

/** Uploads one document of a type in the 申报材料 tab and waits for its ✔. */
export async function upload(type, fileName, bytes) {
  await page.locator(`[data-pf=dossier-file][data-type="${type}"]`).setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: bytes });
  await page.locator(`[data-pf=dossier-upload][data-type="${type}"]`).click();
  await page.locator(`[data-pf=dossier-checklist-item][data-type="${type}"][data-present=true]`).waitFor();
}

export async function complete() {
  await page.getByRole('button', { name: '完成' }).click();
}

/** Completes the open task and waits until the engine no longer has it (`query` narrows the task query). */
export async function completeTask(name, query = '') {
  await complete();
  await until(`task ${name} is still open after 完成`,
    async () => !(await rest('GET', `/engine-rest/task?name=${encodeURIComponent(name)}${query}`)).length);
}

/**
 * Every open seat of every expert panel scores `score` on each criterion over the REST API, as its expert;
 * the clock moves to `clockAt(round)` before each round, which creates the next stage's tasks.
 */
export async function scoreOpenSeats(score, clockAt) {
  for (let round = 0; round < 10; round++) {
    await setClock(clockAt(round));
    const open = await rest('GET', '/engine-rest/task?processDefinitionKey=expert-review&taskDefinitionKey=Task_ScoreApplication');
    if (!open.length) return;
    for (const task of open) {
      const count = (await rest('GET', `/engine-rest/task/${task.id}/variables/criterionCount`)).value;
      const values = { comment: '技术路线清晰，团队结构合理，建议按计划推进。', noConflictOfInterest: true };
      for (let n = 1; n <= count; n++) values[`criterion${n}Score`] = score;
      await rest('POST', `/engine-rest/task/${task.id}/submit-form`, { variables: variables(values) }, task.assignee);
    }
  }
  throw new Error('expert panels still have open seats after ten rounds');
}

/** The one open expert-review instance a case (process instance `caseId`) called, with its criteria. */
export async function panelOf(caseId) {
  const reviews = await rest('GET', `/engine-rest/process-instance?superProcessInstance=${caseId}`);
  const review = reviews.find((r) => r.definitionId.startsWith('expert-review:'));
  if (!review) throw new Error(`no expert review running for ${caseId}`);
  const tasks = await rest('GET', `/engine-rest/task?processInstanceId=${review.id}&taskDefinitionKey=Task_ScoreApplication`);
  const stored = await rest('GET', `/engine-rest/process-instance/${review.id}/variables/reviewCriteria?deserializeValue=false`);
  return { id: review.id, tasks, criteria: JSON.parse(stored.value) };
}

/** A variable of a process instance (running or ended), deserialised from its JSON when it is one. */
export async function variableOf(instanceId, name) {
  const found = await rest('GET', `/engine-rest/history/variable-instance?processInstanceId=${instanceId}&variableName=${name}&deserializeValues=false`);
  if (!found.length) return undefined;
  const { value, type } = found[0];
  return type === 'Json' || type === 'Object' ? JSON.parse(value) : value;
}
