// A Yongchuan innovation consortium from its proposal to the launch, through one expert argumentation
// round (yc-consortium, seed 002), in Camunda Tasklist as the demo users: yc-stb officer 何伟 (hewei)
// proposes it in the start form, records the formation plan (too few members refused, YCC-M1), a drawn
// expert scores the plan in Tasklist with the consortium's dossier beside the form, the round passes,
// hewei records the IP management agreement with its signed copy (YCC-IP1) and sees the launch form.
// Needs the application started like scripts/e2e-tasklist.sh does (profile "e2e", job executor off);
// E2E_BASE is its address. Own consortium topic each run. Prints "N passed, M failed" last.
import {
  page, launch, finish, rest, variables, setClock, scoreOpenSeats, panelOf, variableOf, until, creditCode, pdf,
  shot, step, login, field, fill, pick, date, startProcess, submitStart, openTask, openDossierTab, openFormTab,
  upload, complete
} from './support.mjs';

const OFFICER = 'hewei';
const RUN = `${Date.now() % 100000}`;
const TOPIC = `智能网联汽车${RUN}`;
const LEAD = '重庆永川智行汽车科技有限公司';
const MEMBERS = [
  ['重庆大学', 'university'], ['重庆文理学院', 'university'], ['永川区智能网联汽车测试研究院', 'research-institute'],
  ['重庆某零部件有限公司', 'enterprise'], ['重庆某软件有限公司', 'enterprise']
].map(([memberName, memberType]) => ({ memberName, memberType, memberHead: `${memberName}负责人` }));

/** The consortium's open task with the definition key `key`, found through the engine, as hewei may see it. */
async function openTaskOf(consortiumId, key) {
  const tasks = await until(`task ${key}`, async () => {
    const found = await rest('GET', `/engine-rest/task?processInstanceId=${consortiumId}&taskDefinitionKey=${key}`);
    return found.length ? found : null;
  });
  return tasks[0];
}

/** The formation plan as yc-stb records it; its member rows are a dynamic list, sent as Tasklist sends it. */
const plan = (members) => variables({
  leadLocatedInYongchuan: true, leadUnitHead: '王建军', councilChair: '王建军', members,
  secretariatStaff: [{ staffName: '刘秘书', staffRole: '秘书长' }],
  planSummary: '围绕车路协同开展联合攻关，分工明确，知识产权共建共享'
});

let failed = false;
try {
  await launch({ name: 'yc', viewport: { width: 1400, height: 1000 } });
  // Deadlines inside the shipped working-day calendar (2024–2026); after the other flows' 2026-06-01.
  await setClock('2026-06-02T09:00:00+08:00');
  let consortiumId;
  let panel;

  await step('hewei proposes a consortium in the start form 永川区创新联合体试点组建与建设', async () => {
    await login(OFFICER);
    await startProcess('永川区创新联合体试点组建与建设');
    await fill('联合体方向', TOPIC);
    await pick('组建方式', '定向组织');
    // Exactly 牵头企业 (the required-mark aside), not 牵头企业统一社会信用代码.
    await fill(/^牵头企业\s*\*?$/, LEAD);
    await fill('牵头企业统一社会信用代码', creditCode('91500118MA', 5000 + Number(RUN)));
    await fill('产业领域', '智能网联汽车');
    await fill('拟攻关的关键核心技术需求', '车规级芯片与车路协同关键技术');
    await shot('yc-01-proposal-start-form');
    await submitStart();
    await page.getByText('流程已发起').first().waitFor();
    const started = await rest('GET', '/engine-rest/process-instance?processDefinitionKey=yc-consortium');
    for (const instance of started) {
      if ((await variableOf(instance.id, 'consortiumTopic')) === TOPIC) consortiumId = instance.id;
    }
    if (!consortiumId) throw new Error('the consortium did not start');
  });

  await step('hewei opens the formation plan task with the formation plan in the tab 申报材料', async () => {
    const task = await openTaskOf(consortiumId, 'Task_RecordFormationPlan');
    const claimHint = await openTask('本组待办', task.name);
    if (!claimHint) throw new Error('no claim hint on the unclaimed formation plan task');
    if ((await field(/^牵头企业\s*\*?$/).locator('input').first().inputValue()) !== LEAD) throw new Error('the plan form does not show the lead');
    await openDossierTab();
    await upload('formation-plan', '创新联合体组建方案.pdf', pdf('创新联合体组建方案'));
    await shot('yc-02-formation-plan-dossier');
    await openFormTab();
  });

  await step('four member units without an exception are refused naming YCC-M1; five are accepted', async () => {
    // The member rows are a dynamic list; hewei's plan goes in through the engine REST API as Tasklist sends it.
    const task = await openTaskOf(consortiumId, 'Task_RecordFormationPlan');
    const refused = await fetch(`${process.env.E2E_BASE}/engine-rest/task/${task.id}/submit-form`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${OFFICER}:demo`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ variables: plan(MEMBERS.slice(0, 4)) })
    });
    const reason = await refused.text();
    if (refused.status !== 400 || !reason.includes('YCC-M1')) throw new Error(`four members: ${refused.status} ${reason}`);
    if ((await rest('GET', `/engine-rest/task?processInstanceId=${consortiumId}&taskDefinitionKey=Task_RecordFormationPlan`)).length !== 1) {
      throw new Error('the refused plan task is gone');
    }
    await rest('POST', `/engine-rest/task/${task.id}/submit-form`, { variables: plan(MEMBERS) }, OFFICER);
    // Drawing the panel is an asynchronous step: with the job executor off, the test clock runs it.
    await setClock('2026-06-02T09:05:00+08:00');
    panel = await panelOf(consortiumId);
    if (panel.tasks.length < 3) throw new Error(`argumentation panel of ${panel.tasks.length} experts`);
    const council = await variableOf(consortiumId, 'council');
    if (council.chair !== '王建军' || council.members.length !== 5) throw new Error(`council: ${JSON.stringify(council)}`);
  });

  await step('a drawn expert scores the argumentation in Tasklist with the consortium\'s dossier beside the form', async () => {
    const seat = panel.tasks[0];
    await login(seat.assignee);
    await page.getByText('我的待办').first().click();
    await page.locator('.task').filter({ hasText: seat.name }).first().click();
    await page.locator('.fjs-form').first().waitFor();
    await openDossierTab();
    await page.locator('[data-pf=dossier-document][data-type="formation-plan"]').first().waitFor();
    await shot('yc-03-expert-dossier');
    await openFormTab();
    await field('本人承诺与上述单位不存在').locator('input').check();
    for (const criterion of panel.criteria) await fill(`${criterion.label}（权重`, 86);
    // fill() waits until form-js has drawn each score before the comment is typed (support.mjs settle()).
    const comment = '组建方案分工明确，牵头企业攻关能力强，建议通过论证。';
    await fill('总体评审意见', comment);
    await shot('yc-04-expert-scoring-form', 'tasklist-yc-expert-scoring.png');
    await complete();
    await until('the expert\'s seat is still open after 完成',
      async () => !(await rest('GET', `/engine-rest/task?processInstanceId=${panel.id}&assignee=${seat.assignee}`)).length);
  });

  await step('the other experts score; the round passes and is kept in argumentationRounds', async () => {
    await scoreOpenSeats(82, (round) => `2026-06-02T10:${String(round).padStart(2, '0')}:00+08:00`);
    await setClock('2026-06-02T11:00:00+08:00');
    await openTaskOf(consortiumId, 'Task_RecordIpAgreement');
    const rounds = await variableOf(consortiumId, 'argumentationRounds');
    if (rounds.length !== 1 || rounds[0].passed !== true || rounds[0].memberCount !== 5) {
      throw new Error(`argumentation rounds: ${JSON.stringify(rounds)}`);
    }
  });

  await step('hewei records the IP agreement signed by the lead and every member with its signed copy (YCC-IP1)', async () => {
    await login(OFFICER);
    const task = await openTaskOf(consortiumId, 'Task_RecordIpAgreement');
    await openTask('本组待办', task.name);
    await openDossierTab();
    await upload('ip-agreement', '知识产权管理协议（已签署）.pdf', pdf('知识产权管理协议'));
    await openFormTab();
    await fill('签约各方', [LEAD, ...MEMBERS.map((m) => m.memberName)].join('\n'));
    await date('协议签订日期', '2026/06/02');
    await fill('“共建”约定', '联合攻关形成的知识产权由参与研发的成员单位按投入比例共有');
    await fill('“共享”约定', '成员单位在联合体内可免费许可使用，对外许可须经理事会同意');
    await shot('yc-05-ip-agreement', 'tasklist-yc-ip-agreement.png');
    await complete();
    await openTaskOf(consortiumId, 'Task_LaunchConsortium');
    const agreement = await variableOf(consortiumId, 'ipAgreement');
    if (agreement.ruleId !== 'YCC-IP1' || agreement.parties.length !== 6) throw new Error(`ipAgreement: ${JSON.stringify(agreement)}`);
  });

  await step('hewei sees the launch form with the pilot target and the naming pattern', async () => {
    const task = await openTaskOf(consortiumId, 'Task_LaunchConsortium');
    await openTask('本组待办', task.name);
    await field('试点目标与进展').waitFor();
    const target = await field('试点目标与进展').locator('textarea').inputValue();
    if (!target.includes('5')) throw new Error(`the target status reads: ${target}`);
    await shot('yc-06-launch-form');
  });
} catch (error) {
  failed = true;
}
await finish(failed);
