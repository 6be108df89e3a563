/*
 * 我的申报 (plugin point tasklist.navbar.action): an applicant's own applications and cases with their
 * status, the step open now, who holds it and its deadline, from GET <context>/api/my-cases. The server
 * answers only for the signed-in applicant and only about their own cases; for anyone else the header
 * shows nothing. A step that is the applicant's own opens in Tasklist (去办理).
 */
import { el, formatDeadline, loadJson, navbarView, table } from './navbar-panel.js';

const API = new URL('../../../../api/my-cases', import.meta.url);
const STATE_CLASS = { running: 'label-primary', completed: 'label-success', suspended: 'label-warning' };

function stepsCell(item) {
  if (!item.nextSteps.length) return el('td', { text: item.state === 'running' ? '—' : '（已结束）' });
  return el('td', {}, item.nextSteps.map((step) => el('div', { 'data-pf': 'my-case-step' }, [
    el('span', { text: step.name }),
    step.handler ? el('span', { class: 'text-muted', text: `（${step.handler}）` }) : null,
    step.taskId ? el('a', { href: `#/?task=${encodeURIComponent(step.taskId)}`, 'data-pf': 'my-case-open-task',
      text: ' 去办理', onclick: () => document.getElementById('policyflow-my-cases').style.display = 'none' }) : null
  ])));
}

function deadlineCell(item) {
  if (!item.nextSteps.length) return el('td', { text: '—' });
  return el('td', {}, item.nextSteps.map((step) => el('div', { 'data-pf': 'my-case-due' }, [
    el('span', { text: step.due ? formatDeadline(step.due) : '—' }),
    step.overdue ? el('span', { class: 'label label-danger', style: 'margin-left:4px', text: '已逾期' }) : null
  ])));
}

export function casesView(cases) {
  if (!cases.length) {
    return el('p', { class: 'text-muted', 'data-pf': 'my-cases-empty',
      text: '您还没有申报记录。申报请点击“发起流程”，选择“创新伙伴计划申报”。' });
  }
  return table(['申报事项', '业务编号', '项目', '办理状态', '当前环节（办理方）', '办理期限'], cases.map((item) =>
    el('tr', { 'data-pf': 'my-case', 'data-case-id': item.caseId, 'data-state': item.state }, [
      el('td', {}, [el('strong', { text: item.title || item.programme || '申报' }),
        el('div', { class: 'text-muted small', text: `提交于 ${formatDeadline(item.startedAt)}` })]),
      el('td', { text: item.businessKey || '—' }),
      el('td', { text: item.programme || '' }),
      el('td', {}, [el('span', { class: `label ${STATE_CLASS[item.state] || 'label-default'}`, 'data-pf': 'my-case-status',
        text: item.status })]),
      stepsCell(item),
      deadlineCell(item)
    ])), { 'data-pf': 'my-cases' });
}

export default {
  id: 'policyflow-my-cases',
  pluginPoint: 'tasklist.navbar.action',
  priority: 90,
  // Shown only to whom the server answers (applicants); its 403 for staff hides the link.
  render: (node) => navbarView(node, API, {
    id: 'my-cases', label: '我的申报', title: '我的申报',
    fill: async (body) => body.replaceChildren(casesView(await loadJson(API)))
  })
};
