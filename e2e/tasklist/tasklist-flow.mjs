// One partner application driven through Camunda Tasklist by the right users in turn, in headless
// Debian chromium (never a downloaded browser). Run by scripts/e2e-tasklist.sh, which starts the
// application with the "e2e" profile; E2E_BASE is its address. Prints "N passed, M failed" last.
import fs from 'node:fs';
import crypto from 'node:crypto';
import {
  page, launch, finish, rest, setClock, creditCode, pdf, shot, step, login, field, fill, choose, date,
  startProcess, submitStart, openTask, reloadTasklist, openDossierTab, openFormTab, upload, complete, completeTask
} from './support.mjs';

const ORGANISATION = '北京通州智造科技有限公司';
const CALL_TITLE = '2026年度通州区创新伙伴征集通知（浏览器测试）';

let failed = false;
try {
  await launch({ acceptDownloads: true });

  // All deadlines of the flow stay inside the shipped working-day calendar (2024–2026).
  await setClock('2026-06-01T09:00:00+08:00');
  let callId;
  const applicationForm = pdf('申报书');
  const evidence = pdf('营业执照及专利证书');

  await step('wanglixin publishes a partner call through its start form', async () => {
    await login('wanglixin');
    // Names in Chinese order (welcome/scripts/names.js): 王立新, not "立新 王".
    const header = await page.locator('body').innerText();
    if (!header.includes('王立新') || header.includes('立新 王')) throw new Error('the header does not read 王立新');
    await startProcess('创新伙伴计划征集');
    // form-js's date picker in Chinese with Monday-first weeks (tasklist/scripts/form-zh.js).
    await page.waitForFunction(() => [...document.querySelectorAll('.fjs-container input')]
      .some((input) => input._flatpickr && input._flatpickr.l10n.firstDayOfWeek === 1));
    const picker = await page.evaluate(() => {
      const input = [...document.querySelectorAll('.fjs-container input')].find((i) => i._flatpickr);
      return { november: input._flatpickr.l10n.months.longhand[10], monday: input._flatpickr.l10n.weekdays.shorthand[1] };
    });
    if (picker.november !== '十一月' || picker.monday !== '一') throw new Error(`date picker not Chinese: ${JSON.stringify(picker)}`);
    await fill('征集年度', 2026);
    await fill('通知标题', CALL_TITLE);
    await date('申报截止日期', '2026/06/05');
    await fill('本轮名额（家）', 5);
    await fill('各属地默认推荐名额', 3);
    await shot('01-call-start-form');
    await submitStart();
    await page.getByText('流程已发起').first().waitFor();
    const calls = await rest('GET', '/engine-rest/process-instance?processDefinitionKey=partner-call');
    const variable = await rest('GET', `/engine-rest/process-instance/${calls[0].id}/variables/callId`);
    callId = variable.value;
    // scripts/started.js: the officer sees the call id he has to pass on to applicants.
    const shown = await page.locator('#policyflow-started [data-business-key]').innerText();
    if (shown !== callId) throw new Error(`started notice shows ${shown}, the call id is ${callId}`);
  });

  await step('wanglixin finds the new call in 征集批次 (id, title, deadline, no application yet)', async () => {
    // scripts/open-calls.js: a header view for staff, from GET /api/partner-calls/open.
    await page.reload();
    await page.locator('[data-pf=open-calls-link]').click();
    const row = page.locator(`[data-pf=open-call][data-call-id="${callId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    for (const expected of [callId, CALL_TITLE, '2026-06-05', '征集中']) {
      if (!text.includes(expected)) throw new Error(`the call's row lacks ${expected}: ${text}`);
    }
    if ((await row.locator('[data-pf=open-call-applications]').innerText()).trim() !== '0') throw new Error(`applications: ${text}`);
    await shot('01b-open-calls');
    await page.locator('[data-pf=open-calls-panel] .close').click();
  });

  await step('huanglei applies through the start form; a wrong credit code is refused with the rule, entries kept', async () => {
    await login('huanglei');
    await startProcess('创新伙伴计划申报');
    // The applicant chooses the call among those open (scripts/start-form-options.js), no typing of ids.
    const opener = field('征集批次').locator('.fjs-input-group, input').first();
    await opener.click();
    const offered = page.locator('.fjs-dropdownlist-item').filter({ hasText: callId }).first();
    await offered.waitFor();
    if (!(await offered.innerText()).includes(CALL_TITLE)) throw new Error(`the offered call reads ${await offered.innerText()}`);
    await shot('02a-application-choose-call');
    await offered.click();
    await fill('单位名称', ORGANISATION);
    // First with a wrong check character: the form's pattern accepts it, the server's rule USCC does not.
    const valid = creditCode('91110112MA', 4242);
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    await fill('统一社会信用代码', wrong);
    await choose('所在属地（乡镇街道、园区）', '宋庄镇人民政府');
    await field('具有独立法人资格').locator('input').check();
    await field('在通州区的注册情况').getByText('在通州区注册').click();
    await fill('研发人员数（人）', 12);
    await fill('上年度研发投入（万元）', 350);
    await fill('拥有的自主知识产权数量（专利、软件著作权等）', 4);
    // form-js's own placeholder in Chinese: 请选择, not Select.
    const industry = await field('所属产业领域').innerText();
    if (!industry.includes('请选择') || /\bSelect\b/.test(industry)) throw new Error(`select placeholder: ${industry}`);
    await choose('所属产业领域', '数字经济');
    await fill('联系人', '黄磊');
    await fill('联系电话', '010-81234567');
    await fill('单位简介与创新能力', '专注城市副中心数字孪生平台研发，拥有发明专利四项。');
    await shot('02-application-start-form');
    await submitStart();
    await page.getByText('统一社会信用代码校验位错误').first().waitFor();
    await page.getByText('统一社会信用代码校验位错误').first().scrollIntoViewIfNeeded();
    await shot('03-application-refused-credit-code', 'tasklist-rule-refused.png');
    // The dialog keeps every entry: only the code is corrected.
    if ((await field('联系电话').locator('input').inputValue()) !== '010-81234567') {
      throw new Error('entries were lost after the refusal');
    }
    await fill('统一社会信用代码', valid);
    await submitStart();
    await page.getByText('流程已发起').first().waitFor();
  });

  await step('huanglei attaches the materials in the tab 申报材料; without one required document the submission is refused naming it', async () => {
    const task = `提交申报材料：${ORGANISATION}`;
    await openTask('我的待办', task);
    await openDossierTab();
    for (const type of ['application-form', 'supporting-evidence']) {
      const present = await page.locator(`[data-pf=dossier-checklist-item][data-type="${type}"]`).getAttribute('data-present');
      if (present !== 'false') throw new Error(`${type} is not shown as missing before any upload`);
    }
    // The task card names its assignee in Chinese order too (names.js rewrites the task list's embedded people).
    const card = await page.locator('.task').filter({ hasText: task }).first().innerText();
    if (!card.includes('黄磊') || card.includes('磊 黄')) throw new Error(`the task card does not read 黄磊: ${card}`);
    if ((await page.locator('body').innerText()).includes('磊 黄')) throw new Error('"磊 黄" is still shown (task header)');
    await upload('application-form', '申报书.pdf', applicationForm);
    const missing = await page.locator('[data-pf=dossier-missing]').innerText();
    if (!missing.includes('申请证明材料')) throw new Error(`the checklist does not name the missing document: ${missing}`);
    await openFormTab();
    await field('本单位确认').locator('input').check();
    await complete();
    // Tasklist shows the server's refusal next to the form's buttons; the task stays open.
    const refusal = page.locator('.alert:visible, .notification:visible').filter({ hasText: '申请证明材料' }).first();
    await refusal.waitFor();
    if (!(await refusal.innerText()).includes('DOC-1')) throw new Error(`the refusal does not name its rule: ${await refusal.innerText()}`);
    await shot('05-materials-refused', 'tasklist-materials-refused.png');
    // The applicant comes back to the task (a fresh page, as after fetching the missing file).
    await openTask('我的待办', task);
    await openDossierTab();
    await upload('supporting-evidence', '营业执照及专利证书.pdf', evidence);
    await shot('06-materials-complete');
    await openFormTab();
    await field('本单位确认').locator('input').check();
    await completeTask(task);
  });

  await step('huanglei follows the application in 我的申报: with the locality, due at the end of the recommendation period', async () => {
    // scripts/my-cases.js shows the link once GET /api/my-cases answers for the signed-in applicant.
    const link = page.locator('[data-pf=my-cases-link]');
    await reloadTasklist(link);
    await link.click();
    const row = page.locator('[data-pf=my-case]').filter({ hasText: ORGANISATION }).first();
    await row.waitFor();
    const text = await row.innerText();
    // Application deadline 06-05 + 10 working days (Dragon Boat Festival 06-19 off): 06-22.
    for (const expected of [`${callId}:`, '创新伙伴计划申报', '办理中', `推荐申报：${ORGANISATION}`, '宋庄镇人民政府', '2026-06-22']) {
      if (!text.includes(expected)) throw new Error(`我的申报 lacks ${expected}: ${text}`);
    }
    if (text.includes('孙鹏') || text.includes('sunpeng')) throw new Error(`我的申报 names the clerk: ${text}`);
    await shot('06a-my-cases', 'tasklist-my-cases.png');
    await page.locator('[data-pf=my-cases-panel] .close').click();
  });

  await step('sunpeng sees the application in the tab 申报材料 and downloads the 申报书 (same bytes)', async () => {
    await login('sunpeng');
    const claimHintShown = await openTask('本组待办', `推荐申报：${ORGANISATION}`);
    if (!claimHintShown) throw new Error('no claim hint on the unclaimed task form');
    await openDossierTab();
    const name = page.locator('[data-pf=dossier-section] tr[data-field=organisationName]').first();
    const row = await name.innerText();
    if (!row.includes('单位名称') || !row.includes(ORGANISATION)) throw new Error(`field row reads: ${row}`);
    const sha = await page.locator('[data-pf=dossier-document][data-type=application-form] [data-pf=dossier-sha256]').getAttribute('title');
    const expected = crypto.createHash('sha256').update(applicationForm).digest('hex');
    if (sha !== expected) throw new Error(`SHA-256 shown ${sha}, uploaded ${expected}`);
    await shot('07-dossier-tab', 'tasklist-dossier.png');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-pf=dossier-document][data-type=application-form] [data-pf=dossier-download]').click()
    ]);
    const bytes = fs.readFileSync(await download.path());
    if (!bytes.equals(applicationForm)) throw new Error(`downloaded ${bytes.length} bytes differ from the uploaded ${applicationForm.length}`);
    await openFormTab();
    await field('推荐意见').getByText('推荐', { exact: true }).click();
    // TZP-E8: the locality judges the applicant's contribution to its characteristic industries (000 §四3).
    await field('对属地特色产业贡献的判断').getByText('有突出贡献，带动作用显著').click();
    await fill('判断依据', '园区数字经济重点企业，带动上下游企业落地。');
    await completeTask(`推荐申报：${ORGANISATION}`);
  });

  await step('the recommendation period ends (clock moved)', async () => {
    // Application deadline 06-05 + 10 working days (Dragon Boat Festival 06-19 off) ends 06-22 24:00.
    await setClock('2026-06-24T09:00:00+08:00');
  });

  await step('wanglixin sees in 征集批次 that the call accepted one application and is closed for applications', async () => {
    await login('wanglixin');
    await page.locator('[data-pf=open-calls-link]').click();
    const row = page.locator(`[data-pf=open-call][data-call-id="${callId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    if ((await row.locator('[data-pf=open-call-applications]').innerText()).trim() !== '1' || !text.includes('申报已截止')) {
      throw new Error(`the call's row reads ${text}`);
    }
    await page.locator('[data-pf=open-calls-panel] .close').click();
  });

  // TZP-R2: two different officers score the application on the decision table's criteria (000 §五3).
  for (const [officer, leading, local] of [['wanglixin', 82, 76], ['chenxiaoyan', 88, 70]]) {
    await step(`${officer} scores the application by criteria`, async () => {
      await login(officer);
      await openTask('本组待办', `审核评分：${ORGANISATION}`);
      await fill('技术创新水平行业领先', leading);
      await fill('属地特色产业贡献（权重', local);
      // Typed right after leaving a score: without form-js-fixes.js (3) form-js's late second commit of
      // the score redrew the form and emptied this text (fill() checks what the form shows).
      await fill('审核意见', '技术水平居行业前列，属地带动作用明显。');
      if (officer === 'wanglixin') await shot('04a-review-score');
      const open = async () => (await rest('GET', `/engine-rest/task?name=${encodeURIComponent(`审核评分：${ORGANISATION}`)}`)).length;
      const before = await open();
      await complete();
      for (let i = 0; i < 60 && (await open()) >= before; i++) await page.waitForTimeout(500);
      if ((await open()) >= before) throw new Error(`review task of ${officer} is still open after 完成`);
    });
  }

  await step('the review is summed up (its asynchronous step runs)', async () => {
    await setClock('2026-06-24T09:30:00+08:00');
  });

  await step('chenxiaoyan selects the partner', async () => {
    await login('chenxiaoyan');
    await openTask('本组待办', `审核评选拟入选名单：${CALL_TITLE}`);
    const table = await page.locator('.fjs-form-field-table, .fjs-table-container, table').filter({ hasText: '研发人员（人）' }).first().innerText();
    for (const expected of [ORGANISATION, '12', '350', '属地推荐意见']) {
      if (!table.includes(expected)) throw new Error(`selection table lacks ${expected}: ${table}`);
    }
    const scores = await page.locator('.fjs-form-field-table, .fjs-table-container, table').filter({ hasText: '综合得分' }).first().innerText();
    // Means 85 (82/88, spread 3) and 73 (76/70, spread 3); weights 50/50: overall 79.
    for (const expected of ['79', '达到', '技术创新水平行业领先 85.00', '标准差 3.00', '有突出贡献，带动作用显著']) {
      if (!scores.includes(expected)) throw new Error(`review table lacks ${expected}: ${scores}`);
    }
    await openDossierTab();
    await page.locator(`[data-pf=dossier-related] tr`).filter({ hasText: ORGANISATION }).locator('[data-pf=dossier-related-open]').click();
    await page.locator('[data-pf=dossier-document][data-type=application-form]').waitFor();
    await shot('08-select-related-dossier');
    await page.locator('[data-pf=dossier-back]').click();
    await page.locator('[data-pf=dossier-related]').waitFor();
    await openFormTab();
    await field('拟入选单位').locator('input[type=checkbox]').first().check();
    await fill('审核评选意见', '材料齐全，符合条件，拟入选。');
    await choose('公示发布渠道', '通州区人民政府网站');
    await fill('公示网址或张贴地点', 'https://www.bjtzh.gov.cn/gsgg/');
    await shot('04-select', 'tasklist-select.png');
    await completeTask(`审核评选拟入选名单：${CALL_TITLE}`);
  });

  await step('the notice period ends (clock moved)', async () => {
    // The job executor is off in this run: first the notice is published (its asynchronous step runs now,
    // 06-24), then 06-24 + 5 working days ends 07-01 24:00.
    await setClock('2026-06-24T10:00:00+08:00');
    await setClock('2026-07-03T09:00:00+08:00');
  });

  await step('wanglixin records the agreement content', async () => {
    await login('wanglixin');
    await openTask('本组待办', `确定合作方向和内容：${ORGANISATION}`);
    await fill('合作方向', '城市副中心数字孪生平台');
    await fill('具体合作内容（三方权利义务、合作任务）', '区科委、属地与企业共同推进数字孪生平台在城市副中心的应用示范。');
    await completeTask(`确定合作方向和内容：${ORGANISATION}`);
  });

  for (const [user, task] of [
    ['wanglixin', `区科委签署三方协议：${ORGANISATION}`],
    ['sunpeng', `属地部门签署三方协议：${ORGANISATION}`],
    ['huanglei', `创新伙伴签署三方协议：${ORGANISATION}`]
  ]) {
    await step(`${user} signs the agreement`, async () => {
      await login(user);
      await openTask(user === 'huanglei' ? '我的待办' : '本组待办', task);
      if (user === 'wanglixin') {
        // TZP-C1: the office's signature needs the signed agreement in the dossier (dossier.yaml).
        await openDossierTab();
        await upload('signed-tri-party-agreement', '三方合作协议（已签署）.pdf', pdf('三方合作协议'));
        await openFormTab();
      }
      await field('本方已签署三方协议').locator('input').check();
      await completeTask(task);
    });
  }

  await step('the agreement is signed by all three parties', async () => {
    // Recording the signing date is an asynchronous step: with the job executor off, the test clock runs it.
    await setClock('2026-07-03T10:00:00+08:00');
    const instances = await rest('GET', '/engine-rest/history/variable-instance?variableName=agreementSignedAt');
    if (!instances.length || !instances[0].value) throw new Error('agreementSignedAt not recorded');
  });
} catch (error) {
  failed = true;
}
await finish(failed);
