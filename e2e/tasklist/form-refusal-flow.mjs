// A refused form seen in Tasklist where the person looks, and the call's per-locality quota rows
// (tasklist/scripts/form-refusal.js, tasklist/scripts/form-js-fixes.js), in headless Debian chromium.
// Needs an application started as scripts/e2e-tasklist.sh starts it (profile "e2e"); E2E_BASE is its
// address. Independent of tasklist-flow.mjs: its own call title and credit code each run, so it can
// run before or after it on the same application, and twice. Prints "N passed, M failed" last.
import {
  page, launch, finish, rest, setClock, creditCode, shot, step, login, modal, startButton, startProcess,
  field as fieldIn, fill as fillIn, chooseIn, date as dateIn
} from './support.mjs';

const RUN = `${Date.now() % 1000000}`;
const CALL_TITLE = `2026年度通州区创新伙伴征集通知（名额与退回测试 ${RUN}）`;
const ORGANISATION = `北京通州表单退回测试科技有限公司${RUN}`;
// The engine's own text and English sentences must not reach the Chinese interface.
const FOREIGN = /Cannot|instantiate|process definition|Exception|[A-Za-z]{3,} [A-Za-z]{3,}/;

// Everything here happens in Tasklist's start dialog.
const field = (label, scope = modal()) => fieldIn(label, scope);
const fill = (label, value, scope = modal()) => fillIn(label, value, scope);
const choose = chooseIn;
const date = (label, value) => dateIn(label, value, modal());

/** The button is enabled again within a moment, as a person would see it. */
async function expectEnabled(what) {
  for (let i = 0; i < 20; i++) {
    if (await startButton().isEnabled()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`发起 stays greyed out ${what}`);
}

/**
 * The refusal is on screen without scrolling, right above the button just pressed, reads `reason`,
 * carries no engine text or English, and Tasklist's notification at the top of the dialog is gone.
 */
async function expectRefusalNearButton(reason) {
  const box = modal().locator('.policyflow-refusal');
  await box.waitFor();
  const text = await box.innerText();
  if (!text.includes(reason)) throw new Error(`refusal reads "${text}", expected "${reason}"`);
  if (FOREIGN.test(text.replace(/（规则 [A-Z0-9-]+）/g, ''))) throw new Error(`refusal not in plain Chinese: "${text}"`);
  const viewport = page.viewportSize();
  const [boxRect, buttonRect] = [await box.boundingBox(), await startButton().boundingBox()];
  if (boxRect.y < 0 || boxRect.y + boxRect.height > viewport.height) {
    throw new Error(`refusal outside the visible viewport: y=${boxRect.y}, height ${boxRect.height}`);
  }
  const gap = buttonRect.y - (boxRect.y + boxRect.height);
  if (gap < 0 || gap > 80) throw new Error(`refusal ${gap} px from the button`);
  // Tasklist's own notice ("流程无法发起。 : …") would repeat it in engine wording at the dialog's top.
  await page.waitForTimeout(300);
  const notices = await modal().locator('.notifications .alert').allInnerTexts();
  if (notices.length) throw new Error(`Tasklist's notification still shown: ${notices.join(' | ')}`);
}

async function expectFieldMessage(label, reason) {
  const message = field(label).locator('.policyflow-field-refusal');
  await message.waitFor();
  const text = await message.innerText();
  if (!text.includes(reason)) throw new Error(`field ${label} reads "${text}", expected "${reason}"`);
}

const quotaRows = () => field('个别属地的推荐名额').locator('.fjs-repeat-row-container');

let failed = false;
try {
  await launch({ name: 'refusal' });

  // Deadlines inside the shipped working-day calendar (2024–2026), as in tasklist-flow.mjs.
  await setClock('2026-06-01T09:00:00+08:00');
  let callId;

  await step('a call with a past deadline is refused next to 发起 and on the deadline field (TZP-S1)', async () => {
    await login('wanglixin');
    await startProcess('创新伙伴计划征集');
    await fill('征集年度', 2026);
    await fill('通知标题', CALL_TITLE);
    await date('申报截止日期', '2026/05/01');
    await fill('本轮名额（家）', 5);
    await fill('各属地默认推荐名额', 3);
    await startButton().click();
    await expectRefusalNearButton('申报截止日期应为今天或以后的日期');
    await expectFieldMessage('申报截止日期', '申报截止日期应为今天或以后的日期');
    await shot('refusal-01-call-deadline');
  });

  await step('the quota rows are added, edited and removed, 发起 stays usable', async () => {
    await date('申报截止日期', '2026/06/05');
    // Changing the refused field takes its message away.
    if (await field('申报截止日期').locator('.policyflow-field-refusal').count()) {
      throw new Error('the deadline field still shows the refusal after it was changed');
    }
    const add = field('个别属地的推荐名额').getByRole('button', { name: '新增一项' });
    await add.click();
    await choose(quotaRows().nth(0).locator('.fjs-form-field').filter({ hasText: '属地' }).first(), '宋庄镇人民政府');
    await fill('推荐名额', 2, quotaRows().nth(0));
    await expectEnabled('after the first row was filled');
    await add.click();
    await choose(quotaRows().nth(1).locator('.fjs-form-field').filter({ hasText: '属地' }).first(), '台湖镇人民政府');
    await fill('推荐名额', 1, quotaRows().nth(1));
    await expectEnabled('after the second row was filled');
    await fill('推荐名额', 4, quotaRows().nth(0));
    await shot('refusal-02-quota-rows');
    // form-js's remove button of the second row ("Remove list item 2", in Chinese by form-zh.js).
    await quotaRows().nth(1).locator('button.fjs-repeat-row-remove').click();
    await page.waitForFunction(() => document.querySelectorAll('.modal .fjs-repeat-row-container').length === 1,
      null, { timeout: 5000 }).catch(async () => {
      throw new Error(`${await quotaRows().count()} rows after removing one`);
    });
    // form-js flushes the removed row's last number entry late; without form-js-fixes.js the row
    // came back as {quota: 1} within a second. Look again after a person's pause.
    await page.waitForTimeout(1500);
    if ((await quotaRows().count()) !== 1) throw new Error('the removed row came back');
    await expectEnabled('after a row was removed');
  });

  await step('the call with its quota row starts', async () => {
    await startButton().click();
    await page.getByText('流程已发起').first().waitFor();
    const calls = await rest('GET', '/engine-rest/process-instance?processDefinitionKey=partner-call');
    let quotas;
    for (const call of calls) {
      const title = await rest('GET', `/engine-rest/process-instance/${call.id}/variables/callTitle`);
      if (title.value !== CALL_TITLE) continue;
      callId = (await rest('GET', `/engine-rest/process-instance/${call.id}/variables/callId`)).value;
      quotas = (await rest('GET', `/engine-rest/process-instance/${call.id}/variables/localityQuotas?deserializeValue=false`)).value;
    }
    if (!callId) throw new Error('the call did not start');
    const rows = typeof quotas === 'string' ? JSON.parse(quotas) : quotas;
    if (JSON.stringify(rows) !== JSON.stringify([{ localityGroup: 'tz-locality-songzhuang', quota: 4 }])) {
      throw new Error(`locality quotas stored as ${JSON.stringify(rows)}`);
    }
    await shot('refusal-03-call-started');
  });

  await step('an application with a wrong credit code check character is refused next to 发起 and on the field (USCC)', async () => {
    await login('huanglei');
    await startProcess('创新伙伴计划申报');
    await choose(field('征集批次'), callId);
    await fill('单位名称', ORGANISATION);
    const valid = creditCode('91110112MB', Number(RUN) % 9000000);
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    await fill('统一社会信用代码', wrong);
    await choose(field('所在属地（乡镇街道、园区）'), '宋庄镇人民政府');
    await field('具有独立法人资格').locator('input').check();
    await field('在通州区的注册情况').getByText('在通州区注册').click();
    await fill('研发人员数（人）', 12);
    await fill('上年度研发投入（万元）', 350);
    await fill('拥有的自主知识产权数量（专利、软件著作权等）', 4);
    await choose(field('所属产业领域'), '数字经济');
    await fill('联系人', '黄磊');
    await fill('联系电话', '010-81234567');
    await fill('单位简介与创新能力', '专注城市副中心数字孪生平台研发，拥有发明专利四项。');
    await startButton().click();
    await expectRefusalNearButton('统一社会信用代码校验位错误');
    await expectFieldMessage('统一社会信用代码', '统一社会信用代码校验位错误');
    await shot('refusal-04-application-credit-code');
    await fill('统一社会信用代码', valid);
    await startButton().click();
    await page.getByText('流程已发起').first().waitFor();
    if (await page.locator('.policyflow-refusal').count()) throw new Error('the refusal stays after the start');
  });
} catch (error) {
  failed = true;
}
await finish(failed);
