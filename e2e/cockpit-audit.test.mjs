// Browser test of the Cockpit audit plugins: starts the packaged application on a free port with a
// fresh H2 file database, creates a completed partner application through the engine REST API as the
// demo users would (applicant huanglei submits, locality clerk sunpeng is first refused for a decline without reason and then
// declines with a reason, the applicant acknowledges), then logs in to Cockpit as the auditor qianfang,
// searches the history, opens the application and checks its timeline, operators and rule decision.
// Screenshots go to target/e2e-screenshots/. Prints "N passed, M failed" last; exits non-zero on failure.
import {spawn} from 'node:child_process';
import {mkdtempSync, mkdirSync, rmSync, existsSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join, dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {untranslated} from './support/page-checks.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JAR = process.env.POLICYFLOW_JAR || join(ROOT, 'target', 'policyflow-0.1.0-SNAPSHOT.jar');
const SHOTS = join(ROOT, 'target', 'e2e-screenshots');
const PROVISIONAL_CALENDAR = join(ROOT, 'src', 'test', 'resources', 'working-days-provisional');
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const results = [];

function check(name, ok, detail) {
  results.push({name, ok: !!ok});
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`);
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => { const {port} = server.address(); server.close(() => res(port)); });
    server.on('error', rej);
  });
}

async function rest(base, user, method, path, body) {
  const response = await fetch(base + path, {method, headers: {
    Authorization: 'Basic ' + Buffer.from(`${user}:demo`).toString('base64'), 'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await response.text();
  return {status: response.status, body: text ? JSON.parse(text) : null};
}

const vars = o => ({variables: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, {value: v}]))});
const day = offset => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

async function startApp(port, dbDir) {
  const app = spawn('java', ['-Xmx512m', '-jar', JAR, `--server.port=${port}`, '--management.server.port=0',
    `--spring.datasource.url=jdbc:h2:file:${join(dbDir, 'policyflow')};DB_CLOSE_ON_EXIT=FALSE`,
    // The test runs on the real clock: a test-only 2027 arrangement keeps deadlines computable near year end.
    `--policyflow.working-days.directory=${PROVISIONAL_CALENDAR}`],
    {stdio: ['ignore', 'pipe', 'pipe'], cwd: dbDir});
  let log = '';
  app.stdout.on('data', d => { log = (log + d).slice(-20000); });
  app.stderr.on('data', d => { log = (log + d).slice(-20000); });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`application exited (${app.exitCode}):\n${log}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/engine-rest/engine`);
      if (r.status === 401 || r.status === 200) return app;
    } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`application did not start within 180 s:\n${log}`);
}

async function completedApplication(base) {
  const callId = `TZP-E2E-${Date.now().toString(36).toUpperCase()}`;
  const call = await rest(base, 'wanglixin', 'POST', '/engine-rest/process-definition/key/partner-call/submit-form',
    Object.assign({businessKey: callId}, vars({callYear: Number(day(0).slice(0, 4)), callTitle: '端到端测试征集',
      applicationDeadline: day(7), places: 5, defaultLocalityQuota: 2})));
  if (call.status !== 200) throw new Error(`partner-call: ${call.status} ${JSON.stringify(call.body)}`);
  const organisation = '北京通州审计演示科技有限公司';
  const application = await rest(base, 'huanglei', 'POST', '/engine-rest/process-definition/key/partner-application/submit-form',
    vars({callId, organisationName: organisation, creditCode: '91110112MA01ABCD2A', localityGroup: 'tz-locality-songzhuang',
      independentLegalPerson: true, tongzhouPresence: 'registered', rdStaff: 12, rdSpending: 350.5, ownedIpCount: 4,
      industryField: '数字经济', contactName: '黄磊', contactPhone: '010-81234567', summary: '专注城市副中心数字孪生平台研发，拥有发明专利四项，年研发投入三百余万元。'}));
  if (application.status !== 200) throw new Error(`partner-application: ${application.status} ${JSON.stringify(application.body)}`);
  const id = application.body.id;
  const taskOf = async user => (await rest(base, user, 'GET', `/engine-rest/task?processInstanceId=${id}`)).body[0];
  // The applicant's own task 提交申报材料: the required documents (DOC-1) go into the dossier first.
  const materials = await taskOf('huanglei');
  for (const [type, fileName] of [['application-form', '申报书.pdf'], ['supporting-evidence', '证明材料.pdf']]) {
    const form = new FormData();
    form.append('type', type);
    form.append('file', new Blob([`%PDF-1.4\n% ${fileName}\n%%EOF\n`], {type: 'application/pdf'}), fileName);
    const uploaded = await fetch(`${base}/api/dossiers/tasks/${materials.id}/documents`, {method: 'POST', body: form,
      headers: {Authorization: 'Basic ' + Buffer.from('huanglei:demo').toString('base64')}});
    if (uploaded.status !== 201) throw new Error(`upload ${type}: ${uploaded.status} ${await uploaded.text()}`);
  }
  const submitted = await rest(base, 'huanglei', 'POST', `/engine-rest/task/${materials.id}/submit-form`, vars({materialsConfirmed: true}));
  if (submitted.status !== 204) throw new Error(`materials: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const recommend = await taskOf('sunpeng');
  const refused = await rest(base, 'sunpeng', 'POST', `/engine-rest/task/${recommend.id}/submit-form`, vars({recommendation: 'decline'}));
  if (refused.status !== 400) throw new Error(`refusal of a decline without reason expected, got ${refused.status}`);
  await rest(base, 'sunpeng', 'POST', `/engine-rest/task/${recommend.id}/claim`, {userId: 'sunpeng'});
  const declined = await rest(base, 'sunpeng', 'POST', `/engine-rest/task/${recommend.id}/submit-form`,
    vars({recommendation: 'decline', declineReason: '研发方向与本地产业需求不匹配'}));
  if (declined.status !== 204) throw new Error(`decline: ${declined.status} ${JSON.stringify(declined.body)}`);
  const outcome = await taskOf('huanglei');
  const acknowledged = await rest(base, 'huanglei', 'POST', `/engine-rest/task/${outcome.id}/submit-form`, vars({acknowledged: true}));
  if (acknowledged.status !== 204) throw new Error(`acknowledge: ${acknowledged.status} ${JSON.stringify(acknowledged.body)}`);
  const history = await rest(base, 'qianfang', 'GET', `/engine-rest/history/process-instance/${id}`);
  if (history.body.state !== 'COMPLETED') throw new Error(`application not completed: ${history.body.state}`);
  return {id, organisation};
}

async function checkChinese(page, name) {
  await page.waitForTimeout(800);
  // Lower-case words are user ids and variable keys in these views.
  const words = await untranslated(page, [/^[a-z]+$/]);
  check(`${name}: no untranslated Latin UI strings`, words.length === 0, words.slice(0, 20).join(', '));
}

/** Logs in to one of the webapps afresh (a new session for another role). */
async function appLogin(page, url, user) {
  await page.context().clearCookies();
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator('input[type="password"]').first().waitFor({timeout: 30000});
  await page.locator('input[type="text"]').first().fill(user);
  await page.locator('input[type="password"]').first().fill('demo');
  await page.locator('button[type="submit"]').first().click();
  await page.waitForLoadState('networkidle');
}

async function browserChecks(base, application) {
  const profile = mkdtempSync(join(tmpdir(), 'policyflow-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {executablePath: BROWSER, headless: true, locale: 'zh-CN',
    viewport: {width: 1440, height: 1000},
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']});
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  try {
    await page.goto(`${base}/camunda/app/cockpit/default/`);
    await page.locator('input[type="text"]').first().fill('qianfang');
    await page.locator('input[type="password"]').first().fill('demo');
    await page.locator('button[type="submit"]').first().click();

    const dashboard = page.locator('[data-pf="targets-dashboard"] table').first();
    await dashboard.waitFor({timeout: 30000});
    check('dashboard shows the programme targets', await page.locator('tr[data-target="innovation-partners"]').count() === 1);
    check('Cockpit speaks Chinese for a zh-CN browser (当前 / 已部署)',
      (await page.locator('body').innerText()).includes('已部署'));
    check('language switch offers English', await page.locator('#policyflow-language a', {hasText: 'English'}).count() === 1);
    await checkChinese(page, 'Cockpit dashboard');
    for (const [route, name] of [['#/processes', 'Cockpit processes'], ['#/decisions', 'Cockpit decisions'],
      ['#/tasks', 'Cockpit human tasks'], ['#/repository', 'Cockpit deployments']]) {
      await page.goto(`${base}/camunda/app/cockpit/default/${route}`);
      await page.screenshot({path: join(SHOTS, `cockpit-${route.slice(2)}.png`), fullPage: true});
      await checkChinese(page, name);
    }
    await page.goto(`${base}/camunda/app/cockpit/default/`);
    await dashboard.waitFor({timeout: 30000});
    await page.screenshot({path: join(SHOTS, 'cockpit-dashboard-targets.png'), fullPage: true});
    check('navigation offers 历史审计', await page.locator('a[href="#/audit"]', {hasText: '历史审计'}).count() >= 1);

    await page.goto(`${base}/camunda/app/cockpit/default/#/audit`);
    await page.locator('[data-pf="history-search"] input[name="party"]').fill(application.organisation);
    await page.locator('[data-pf="history-search"] button[type="submit"]').click();
    const row = page.locator(`tr[data-instance="${application.id}"]`);
    await row.waitFor({timeout: 20000});
    check('history search finds the completed application by organisation', await row.count() === 1);
    check('search row shows state 已完成', (await row.innerText()).includes('已完成'));
    await page.screenshot({path: join(SHOTS, 'cockpit-history-search.png'), fullPage: true});

    await row.locator('a').first().click();
    const timeline = page.locator('[data-pf="timeline"]');
    await timeline.waitFor({timeout: 20000});
    const text = await timeline.innerText();
    check('timeline lists the locality recommendation task', await page.locator('[data-pf="timeline"] tr[data-activity="Task_RecommendApplication"]').count() === 1);
    check('timeline names the clerk who completed it (孙鹏)',
      (await page.locator('[data-pf="timeline"] tr[data-activity="Task_RecommendApplication"] .pf-completed-by').innerText()).includes('孙鹏'));
    check('timeline names the applicant who acknowledged (黄磊)',
      (await page.locator('[data-pf="timeline"] tr[data-activity="Task_AcknowledgeOutcome"] .pf-completed-by').innerText()).includes('黄磊'));
    // The decline reason is required by the recommendation form itself, so the server's form check
    // (FORM-REQUIRED) refuses it before the delegate's TZP-D1 check is reached.
    check('timeline shows the refused decline (reason missing) with its rule', (await page.locator('[data-pf="timeline"] tr[data-rule="FORM-REQUIRED"], [data-pf="timeline"] tr[data-rule="TZP-D1"]').count()) === 1 && text.includes('未通过'));
    check('diagram marks the path taken', await page.locator('.pf-diagram g.pf-taken').count() > 3);
    check('operation log names the operators', (await page.locator('[data-pf="operations"]').innerText()).includes('孙鹏'));
    check('operation log reads as sentences (孙鹏 完成了任务 推荐申报)',
      /孙鹏 完成了任务 推荐申报/.test(await page.locator('[data-pf="operations"]').innerText()));
    const variablesText = await page.locator('[data-pf="variables"]').innerText();
    check('variables appear under their form label with the option label',
      variablesText.includes('在通州区的注册情况') && variablesText.includes('在通州区注册') && variablesText.includes('宋庄镇人民政府'));
    const fits = await page.evaluate(() => {
      const box = document.querySelector('[data-pf="diagram"]');
      const svg = box && box.querySelector('svg');
      return !!svg && svg.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1;
    });
    check('the whole diagram fits the panel (end events included)', fits);
    await checkChinese(page, 'Cockpit instance history');
    // Cockpit scrolls inside its own container, so a tall viewport is what captures the whole history.
    await page.setViewportSize({width: 1440, height: 2600});
    await page.waitForTimeout(300);
    await page.screenshot({path: join(SHOTS, 'cockpit-instance-history.png'), fullPage: true});
    check('no script errors in Cockpit', errors.length === 0, errors.join('; '));

    // The other apps a role opens, in the same zh-CN browser.
    await page.setViewportSize({width: 1440, height: 1000});
    await appLogin(page, `${base}/camunda/app/tasklist/default/`, 'huanglei');
    await page.getByText('我的待办').first().waitFor({timeout: 30000});
    check('Tasklist shows the applicant as 黄磊 (Chinese name order)', (await page.locator('body').innerText()).includes('黄磊'));
    await checkChinese(page, 'Tasklist task list');
    await page.getByText('发起流程').first().click();
    await page.locator('.modal').getByText('创新伙伴计划申报', {exact: true}).click();
    await page.locator('.modal .fjs-form').waitFor({timeout: 30000});
    await page.screenshot({path: join(SHOTS, 'tasklist-start-form-zh.png'), fullPage: true});
    await checkChinese(page, 'Tasklist start form');

    await appLogin(page, `${base}/camunda/app/admin/default/`, 'demo');
    for (const [route, name] of [['#/users', 'Admin users'], ['#/groups', 'Admin groups'],
      ['#/authorization?resource=0', 'Admin authorizations'], ['#/system?section=system-settings-general', 'Admin system']]) {
      await page.goto(`${base}/camunda/app/admin/default/${route}`);
      await page.screenshot({path: join(SHOTS, `admin-${name.split(' ')[1]}.png`), fullPage: true});
      await checkChinese(page, name);
    }
    await page.goto(`${base}/camunda/app/welcome/default/`);
    await page.screenshot({path: join(SHOTS, 'welcome.png'), fullPage: true});
    await checkChinese(page, 'Welcome');
  } catch (e) {
    check('browser flow completed', false, e.message);
    await page.screenshot({path: join(SHOTS, 'failure.png'), fullPage: true}).catch(() => {});
  } finally {
    await context.close();
    rmSync(profile, {recursive: true, force: true});
  }
}

async function main() {
  if (!existsSync(JAR)) throw new Error(`${JAR} missing: build it with mvn -B package -DskipTests`);
  mkdirSync(SHOTS, {recursive: true});
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dbDir = mkdtempSync(join(tmpdir(), 'policyflow-e2e-db-'));
  let app;
  try {
    const started = Date.now();
    app = await startApp(port, dbDir);
    console.log(`application up on port ${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const application = await completedApplication(base);
    check('REST: completed partner application created as the demo users', true);
    await browserChecks(base, application);
  } catch (e) {
    check('setup', false, e.message);
  } finally {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await new Promise(r => { app.once('exit', r); setTimeout(r, 20000); });
    }
    rmSync(dbDir, {recursive: true, force: true});
  }
  const failed = results.filter(r => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
