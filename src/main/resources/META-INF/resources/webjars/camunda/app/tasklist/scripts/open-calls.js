/*
 * 征集批次 (plugin point tasklist.navbar.action): the running partner call rounds for staff — id, title,
 * application deadline, applications so far and whether applications are still accepted — from
 * GET <context>/api/partner-calls/open. Roles the server refuses (applicants, experts) see no link.
 */
import { el, loadJson, navbarView, table } from './navbar-panel.js';

const API = new URL('../../../../api/partner-calls/open', import.meta.url);

export function callsView(calls) {
  if (!calls.length) {
    return el('p', { class: 'text-muted', 'data-pf': 'open-calls-empty',
      text: '目前没有进行中的征集批次。发布征集请点击“发起流程”，选择“创新伙伴计划征集”。' });
  }
  return table(['征集批次编号', '通知标题', '申报截止日期', '已受理申报（家）', '本轮名额（家）', '状态'], calls.map((call) =>
    el('tr', { 'data-pf': 'open-call', 'data-call-id': call.callId }, [
      el('td', {}, [el('strong', { text: call.callId })]),
      el('td', { text: call.title || '—' }),
      el('td', { text: call.applicationDeadline || '—' }),
      el('td', { 'data-pf': 'open-call-applications', text: String(call.applications) }),
      el('td', { text: call.places == null ? '—' : String(call.places) }),
      el('td', {}, [el('span', { class: `label ${call.acceptingApplications ? 'label-success' : 'label-default'}`, text: call.stage })])
    ])), { 'data-pf': 'open-calls' });
}

export default {
  id: 'policyflow-open-calls',
  pluginPoint: 'tasklist.navbar.action',
  priority: 80,
  render: (node) => navbarView(node, API, {
    id: 'open-calls', label: '征集批次', title: '进行中的创新伙伴征集批次',
    fill: async (body) => body.replaceChildren(callsView(await loadJson(API)))
  })
};
