// A Beijing technology innovation centre licensed (tech-centre, seed 003) in Camunda Tasklist as the demo
// users: bj-sti officer 李建国 (lijianguo) opens the year's licensing round (TIC-Q1) and records the plan and
// the application with their documents, district officer 周静 (zhoujing) recommends, the expert panel's
// 评估论证 passes (scored over the REST API as each expert), lijianguo lists the centre — which takes one of
// the year's licences and gives it its licence number — and assigns the commissioner (TIC-R3).
// Needs the application started like scripts/e2e-tasklist.sh does (profile "e2e", job executor off);
// E2E_BASE is its address. Own centre name each run. Prints "N passed, M failed" last.
import {
  page, launch, finish, rest, setClock, scoreOpenSeats, variableOf, until, creditCode, pdf, shot, step, login,
  field, fill, choose, pick, startProcess, submitStart, openTask, openDossierTab, openFormTab, upload, complete
} from './support.mjs';

const OFFICER = 'lijianguo';
const DISTRICT = 'zhoujing';
const RUN = `${Date.now() % 100000}`;
const CENTRE = `北京市集成电路先进封装技术创新中心（浏览器测试${RUN}）`;
const UNIT = '北京芯联微电子有限公司';

async function openTaskOf(centreId, key) {
  const tasks = await until(`task ${key}`, async () => {
    const found = await rest('GET', `/engine-rest/task?processInstanceId=${centreId}&taskDefinitionKey=${key}`);
    return found.length ? found : null;
  });
  return tasks[0];
}

/** Opens the centre's task `key` as a bj-sti or district officer (group task: claimed on opening). */
async function work(centreId, key) {
  const task = await openTaskOf(centreId, key);
  await openTask('本组待办', task.name);
  return task;
}

async function completed(centreId, task) {
  await complete();
  await until(`${task.name} still open after 完成`,
    async () => !(await rest('GET', `/engine-rest/task?processInstanceId=${centreId}&taskDefinitionKey=${task.taskDefinitionKey}`)).length);
}

let failed = false;
try {
  await launch({ name: 'tic', viewport: { width: 1400, height: 1000 } });
  // Working-day deadlines inside the shipped calendar (2024–2026); after the other flows' dates.
  await setClock('2026-06-03T09:00:00+08:00');
  let centreId;

  await step('lijianguo opens the 2026 licensing round in its start form (TIC-Q1)', async () => {
    await login(OFFICER);
    const open = await rest('GET', '/engine-rest/process-instance?processDefinitionKey=tech-centre-round&businessKey=TIC-2026');
    if (open.length) return; // a second run on the same application: the year's round is open already
    await startProcess('北京市技术创新中心：年度授牌（少而精名额）');
    await fill('授牌年度', 2026);
    await shot('tic-01-round-start-form');
    await submitStart();
    await page.getByText('流程已发起').first().waitFor();
    await until('the round TIC-2026', async () =>
      (await rest('GET', '/engine-rest/process-instance?processDefinitionKey=tech-centre-round&businessKey=TIC-2026')).length);
  });

  await step('lijianguo records a supporting unit\'s submission in the start form 北京市技术创新中心：授牌与监管', async () => {
    await startProcess('北京市技术创新中心：授牌与监管');
    await fill('技术创新中心名称', CENTRE);
    await fill('依托单位（牵头单位）名称', UNIT);
    await fill('依托单位统一社会信用代码', creditCode('91110108MA', 7000 + Number(RUN)));
    await submitStart();
    await page.getByText('流程已发起').first().waitFor();
    await until('the centre started', async () => {
      const started = await rest('GET', '/engine-rest/process-instance?processDefinitionKey=tech-centre');
      for (const instance of started) {
        if ((await variableOf(instance.id, 'centreName')) === CENTRE) centreId = instance.id;
      }
      return centreId;
    });
  });

  await step('编制方案: field and lead type from the configured options, the construction plan attached', async () => {
    const task = await work(centreId, 'Task_PreparePlan');
    // The document first: going back to the tab 表单 draws the form anew, without what was typed.
    await openDossierTab();
    await upload('construction-plan', '技术创新中心建设方案.pdf', pdf('技术创新中心建设方案'));
    await openFormTab();
    await choose('布局领域', '集成电路');
    await choose('牵头单位类型', '领军企业');
    await fill('参与单位', '清华大学\n中国科学院微电子研究所\n北京某封装测试有限公司');
    await fill('建设目标与主要任务', '突破先进封装关键工艺，建成开放共享的中试验证平台。');
    await shot('tic-02-plan');
    await completed(centreId, task);
  });

  await step('组织申报: the application with its document, a district recommendation requested', async () => {
    const task = await work(centreId, 'Task_RecordApplication');
    await openDossierTab();
    await upload('application-form', '技术创新中心申报书.pdf', pdf('技术创新中心申报书'));
    await openFormTab();
    await field('依托单位在北京市注册').locator('input').check();
    await fill('注册地址', '北京市海淀区中关村软件园');
    await fill('上年度研发投入（万元）', 8000);
    await fill('行业影响力说明', '国内先进封装领域龙头，牵头制定行业标准三项。');
    await field('请区科技管理部门').locator('input').check();
    await shot('tic-03-application');
    await completed(centreId, task);
  });

  await step('zhoujing gives the district recommendation', async () => {
    await login(DISTRICT);
    const task = await work(centreId, 'Task_DistrictRecommend');
    await pick('推荐意见', '推荐');
    await fill('意见说明', '该单位在本区注册，研发实力强，同意推荐。');
    await shot('tic-04-district-recommendation');
    await completed(centreId, task);
  });

  await step('the eligibility checks pass and the expert panel\'s 评估论证 passes', async () => {
    await scoreOpenSeats(85, (round) => `2026-06-03T10:${String(round).padStart(2, '0')}:00+08:00`);
    await setClock('2026-06-03T11:00:00+08:00');
    await openTaskOf(centreId, 'Task_DecideList');
    const findings = await variableOf(centreId, 'eligibilityFindings');
    if (!findings.length || findings.some((f) => f.passed === false)) throw new Error(`eligibility: ${JSON.stringify(findings)}`);
    if ((await variableOf(centreId, 'evaluationPassed')) !== true) throw new Error('the evaluation did not pass');
  });

  await step('lijianguo lists the centre with the panel\'s scores in view; it takes a licence of the year (TIC-Q1)', async () => {
    await login(OFFICER);
    const task = await work(centreId, 'Task_DecideList');
    const scores = await page.locator('.fjs-form-field').filter({ hasText: '评估论证：各项指标专家组评分' }).first().innerText();
    if (!/\d/.test(scores)) throw new Error(`the criteria table is empty: ${scores}`);
    await pick('名单决定', '列入名单，予以授牌');
    await shot('tic-05-list-decision', 'tasklist-tic-list-decision.png');
    await completed(centreId, task);
    const number = await variableOf(centreId, 'licenceNumber');
    if (!number || !number.includes('2026')) throw new Error(`licence number: ${number}`);
  });

  await step('lijianguo assigns the commissioner (TIC-R3); the centre is licensed', async () => {
    const task = await work(centreId, 'Task_AssignCommissioner');
    const number = await field('授牌编号').locator('input').inputValue();
    if (number !== (await variableOf(centreId, 'licenceNumber'))) throw new Error(`the form shows licence number ${number}`);
    await fill('项目专员姓名', '孙雯');
    await fill('来源', '朱雀人才计划');
    await shot('tic-06-commissioner');
    await completed(centreId, task);
    if ((await variableOf(centreId, 'licenceStatus')) !== 'licensed') throw new Error('licenceStatus is not licensed');
  });
} catch (error) {
  failed = true;
}
await finish(failed);
