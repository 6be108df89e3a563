// An expert of a Beijing consortium's material review scores each criterion of the stage in Camunda
// Tasklist (headless Debian chromium): the office (bj-sti) brings the consortium to its material review
// through the engine REST API, the drawn expert logs in, scores every criterion of the decision table
// review-criteria, is refused (EXP-4) for a score under a criterion's threshold without a reason, writes the
// reason and submits. Needs the application started like scripts/e2e-tasklist.sh does (profile "e2e", job
// executor off); E2E_BASE is its address. Prints "N passed, M failed" last.
import {
  page, launch, finish, rest as restAs, variables, setClock, scoreOpenSeats, attach as attachAs, shot, step, login, field, fill
} from './support.mjs';

const OFFICE = 'lijianguo';
const CONSORTIUM = '北京高端光刻胶创新联合体（评分测试）';
const TASK_NAME = `评审（材料审查）：${CONSORTIUM}`;

// The office (bj-sti) is the one who calls the REST API here unless a call names another user.
const rest = (method, url, body, user = OFFICE) => restAs(method, url, body, user);
const attach = (taskId, documents) => attachAs(taskId, documents, OFFICE);

async function officeTask(instanceId, key) {
  const tasks = await rest('GET', `/engine-rest/task?processInstanceId=${instanceId}&taskDefinitionKey=${key}`, undefined, 'demo');
  if (tasks.length !== 1) throw new Error(`expected one ${key}, found ${tasks.length}`);
  return tasks[0].id;
}

let failed = false;
try {
  // Deadlines inside the shipped working-day calendar (2024–2026).
  await setClock('2026-06-01T09:00:00+08:00');
  let consortiumId;
  let expert;
  let criteria;

  await step('bj-sti brings a consortium to its material review through the engine REST API', async () => {
    const started = await rest('POST', '/engine-rest/process-definition/key/bj-consortium/submit-form', {
      variables: variables({
        consortiumName: CONSORTIUM,
        leadUnitName: '北京芯联微电子有限公司',
        leadUnitCreditCode: '91110108MA01XKQ126',
        technologyDemand: '高端光刻胶及配套材料国产化，突破“卡脖子”环节'
      })
    });
    consortiumId = started.id;
    const selectLeadUnit = await officeTask(consortiumId, 'Task_SelectLeadUnit');
    await attach(selectLeadUnit, { 'demand-argumentation': '技术需求论证材料.pdf' });
    await rest('POST', `/engine-rest/task/${selectLeadUnit}/submit-form`, {
      variables: variables({
        field: '集成电路', formationMode: '领军企业牵头',
        directionNecessity: '产业链关键材料依赖进口，亟需自主可控。',
        directionUrgency: '供应链存在断供风险，影响产线稳定运行。',
        directionFeasibility: '已完成中试验证，具备产业化条件。',
        leadRegisteredInBeijing: true, leadRdCapability: 'meets', leadRdComment: '研发人员800人，核心团队稳定',
        leadIntegrationCapability: 'meets', leadIntegrationComment: '联合上下游20余家单位',
        leadPersons: [{ personName: '周某', personRole: '法定代表人', personIdType: 'resident-id', personIdNumber: '110108197003010516' }]
      })
    });
    const determineMembers = await officeTask(consortiumId, 'Task_DetermineMembers');
    await attach(determineMembers, { 'member-confirmations': '成员单位参与确认函.pdf' });
    await rest('POST', `/engine-rest/task/${determineMembers}/submit-form`, {
      variables: variables({
        members: [
          { memberName: '清华大学', memberType: 'university', memberRegion: '北京', selectionMethod: 'negotiation', memberPersonName: '负责人1', memberPersonIdType: 'resident-id', memberPersonIdNumber: '110101197501010119' },
          { memberName: '中国科学院微电子研究所', memberType: 'research-institute', memberRegion: '北京', selectionMethod: 'negotiation', memberPersonName: '负责人2', memberPersonIdType: 'resident-id', memberPersonIdNumber: '110101197501010223' },
          { memberName: '北京某封装测试有限公司', memberType: 'enterprise', memberRegion: '北京', selectionMethod: 'negotiation', memberPersonName: '负责人3', memberPersonIdType: 'resident-id', memberPersonIdNumber: '110101197501010338' }
        ]
      })
    });
    const recordAgreement = await officeTask(consortiumId, 'Task_RecordAgreement');
    await attach(recordAgreement, { 'application-form': '申报书.pdf', 'consortium-agreement': '创新联合体组建协议（已签署）.pdf', 'integrity-commitment': '诚信承诺书（已签署）.pdf' });
    await rest('POST', `/engine-rest/task/${recordAgreement}/submit-form`, {
      variables: variables({
        agreementMechanisms: ['责任落实', '协同攻关', '决策运行', '资金筹措', '知识产权管理', '开放创新合作', '利益分配'],
        agreementSignedDate: '2026-05-20',
        administrativeLeadName: '赵总', administrativeLeadPosition: '董事长',
        technicalLeadName: '钱院士', technicalLeadProfile: '中国工程院院士，集成电路材料专家',
        commissionerName: '孙工', commissionerBackground: '微电子专业博士，十年项目管理经验',
        integrityCommitment: true,
        planKeyTasks: '高端光刻胶树脂与光酸合成工艺攻关',
        planResearchSchedule: '先完成样品验证，再建成中试线，最后完成产业化验收',
        planFundingArrangement: '牵头单位自筹6000万元，成员单位配套2000万元',
        planAcceptanceIndicators: '两款光刻胶通过产线验证，申请发明专利20项',
        planLayout: '专利池共建共享；联合培养博士20名；在三条产线推广应用',
        planMilestones: [
          { milestoneName: '光刻胶样品通过验证', milestoneDate: '2026-12-31', milestoneIndicator: '两款样品通过客户验证', milestoneSharePercent: 40 },
          { milestoneName: '产业化验收', milestoneDate: '2027-12-31', milestoneIndicator: '量产并进入产线供应链', milestoneSharePercent: 60 }
        ]
      })
    });
    // The experts' tasks are created asynchronously; with the job executor off the test clock runs them.
    await setClock('2026-06-01T09:05:00+08:00');
    const reviews = await rest('GET', `/engine-rest/process-instance?superProcessInstance=${consortiumId}`, undefined, 'demo');
    if (reviews.length !== 1) throw new Error(`expected the material review to run, found ${reviews.length}`);
    const tasks = await rest('GET', `/engine-rest/task?processInstanceId=${reviews[0].id}&taskDefinitionKey=Task_ScoreApplication`, undefined, 'demo');
    if (tasks.length !== 5) throw new Error(`expected 5 expert tasks, found ${tasks.length}`);
    expert = tasks[0].assignee;
    const stored = await rest('GET', `/engine-rest/process-instance/${reviews[0].id}/variables/reviewCriteria?deserializeValue=false`, undefined, 'demo');
    criteria = JSON.parse(stored.value);
    if (criteria.length < 3) throw new Error(`criteria of the material review: ${stored.value}`);
  });

  await launch({ name: 'expert', viewport: { width: 1400, height: 1000 }, fullPage: true });

  await step('the drawn expert opens the scoring task and sees one score field per criterion', async () => {
    await login(expert);
    await page.getByText('我的待办').first().click();
    await page.locator('.task').filter({ hasText: TASK_NAME }).first().click();
    await page.locator('.fjs-form').first().waitFor();
    for (const criterion of criteria) {
      await field(`${criterion.label}（权重`).waitFor();
    }
    const labels = await page.locator('.fjs-form-field-label').allInnerTexts();
    const scoreFields = labels.filter((l) => l.includes('单项分数线'));
    if (scoreFields.length !== criteria.length) throw new Error(`score fields: ${scoreFields.join(' | ')}`);
    await shot('expert-01-scoring-form');
  });

  await step('beside the scoring form the expert reads the consortium\'s dossier in the tab 申报材料 (from inside expert-review)', async () => {
    await page.locator('.nav-tabs a, .nav-tabs li').filter({ hasText: /^\s*申报材料\s*$/ }).first().click();
    await page.locator('[data-pf=dossier]').first().waitFor();
    for (const type of ['application-form', 'consortium-agreement', 'integrity-commitment', 'demand-argumentation']) {
      await page.locator(`[data-pf=dossier-document][data-type="${type}"]`).first().waitFor();
    }
    const text = await page.locator('[data-pf=dossier]').first().innerText();
    if (!text.includes(CONSORTIUM)) throw new Error(`the dossier does not name the consortium: ${text.slice(0, 300)}`);
    await shot('expert-01b-dossier-in-view');
    await page.locator('.nav-tabs a, .nav-tabs li').filter({ hasText: /^\s*表单\s*$/ }).first().click();
    await page.locator('.fjs-form').first().waitFor();
    await field(`${criteria[0].label}（权重`).waitFor();
  });

  await step('a score under a criterion\'s threshold without a reason is refused naming the criterion (EXP-4)', async () => {
    await field('本人承诺与上述单位不存在').locator('input').check();
    for (const [i, criterion] of criteria.entries()) {
      await fill(`${criterion.label}（权重`, i === 1 ? 50 : 85);
    }
    // The reason field appears for the low score only; the form redraws then, so the comment comes after it.
    await field(`“${criteria[1].label}”低于单项分数线的理由`).waitFor();
    const comment = '技术路线清晰，团队结构合理；紧迫性论证不足。';
    await fill('总体评审意见', comment);
    if (await field(`“${criteria[0].label}”低于单项分数线的理由`).count()) throw new Error('a reason field shows for a score above the threshold');
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByText('请书面说明理由').first().waitFor();
    const shown = await page.locator('body').innerText();
    const refusal = shown.split('\n').find((line) => line.includes('请书面说明理由')) || '';
    if (!refusal.includes('EXP-4') || !refusal.includes(`“${criteria[1].label}”评分 50 分`)) throw new Error(`the refusal does not name the criterion: ${refusal}`);
    await shot('expert-02-refused-without-reason');
    const open = await rest('GET', `/engine-rest/task?assignee=${expert}&name=${encodeURIComponent(TASK_NAME)}`, undefined, 'demo');
    if (open.length !== 1) throw new Error('the refused task is gone');
  });

  await step('with the reason written the expert submits and the task is done', async () => {
    await fill(`“${criteria[1].label}”低于单项分数线的理由`, '缺少产业链断点与替代方案分析，紧迫性论证不足。');
    // The refusal stays on screen over the form's buttons until it is closed, as a person would.
    const notice = page.locator('button.close[ng-click^="removeNotification"]');
    while (await notice.count()) await notice.first().click();
    await shot('expert-03-reason-written');
    const done = page.getByRole('button', { name: '完成' });
    if (await done.isDisabled()) throw new Error('完成 is disabled with every field filled');
    await done.click();
    for (let i = 0; i < 60; i++) {
      const open = await rest('GET', `/engine-rest/task?assignee=${expert}&name=${encodeURIComponent(TASK_NAME)}`, undefined, 'demo');
      if (!open.length) break;
      if (i === 59) throw new Error('the task is still open after 完成');
      await page.waitForTimeout(500);
    }
    const entries = await rest('GET', `/engine-rest/history/variable-instance?variableName=reviewEntry&deserializeValues=false`, undefined, 'demo');
    const entry = entries.map((e) => JSON.parse(e.value)).find((e) => e.expert === expert);
    if (!entry || entry.criteria.length !== criteria.length) throw new Error(`recorded entry: ${JSON.stringify(entry)}`);
    if (entry.criteria[1].score !== 50 || !entry.criteria[1].reason) throw new Error(`criterion 2: ${JSON.stringify(entry.criteria[1])}`);
  });

  await step('the other experts and the later stages score over REST; bj-sti sees each criterion\'s mean and spread', async () => {
    // Every remaining seat of the three stages (材料审查, 现场考察, 答辩评审) scores 80 on each criterion.
    await scoreOpenSeats(80, (round) => `2026-06-01T10:${String(round).padStart(2, '0')}:00+08:00`);
    await setClock('2026-06-01T11:00:00+08:00');
    await officeTask(consortiumId, 'Task_DecideSupport');
    await login(OFFICE);
    await page.getByText('本组待办').first().click();
    await page.locator('.task').filter({ hasText: '确定是否支持' }).first().click();
    await page.locator('.fjs-form').first().waitFor();
    const table = page.locator('.fjs-form-field').filter({ hasText: '材料审查：各项指标专家组评分' }).first();
    await table.waitFor();
    const text = await table.innerText();
    for (const criterion of criteria) {
      if (!text.includes(criterion.label)) throw new Error(`the support form's table lacks ${criterion.label}: ${text}`);
    }
    await page.getByText('材料审查结论').first().scrollIntoViewIfNeeded();
    await shot('expert-04-support-form-criteria');
  });
} catch (error) {
  failed = true;
}
await finish(failed);
