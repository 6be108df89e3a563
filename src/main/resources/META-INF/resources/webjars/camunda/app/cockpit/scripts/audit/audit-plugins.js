// policyflow audit plugins for Camunda 7 Cockpit (Community Edition): history search, the history of any
// instance (running or ended), and programme targets and deadlines on the dashboard. Plain ES module, no
// build step. Data come from the application's read-only audit API (/api/audit/…), which accepts the
// Cockpit login of the browser session for GET requests; nothing here modifies anything.
import {renderDiagram} from './diagram.js';

// The module lives at <context>/camunda/app/cockpit/scripts/audit/; the audit API at <context>/api/audit/.
const API = new URL('../../../../../api/audit/', import.meta.url);

const STATES = [['', '全部'], ['running', '运行中'], ['completed', '已完成'], ['terminated', '已终止'], ['cancelled', '已取消']];
const PAGE_SIZE = 20;

function api(path, params) {
  const url = new URL(path, API);
  Object.entries(params || {}).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v); });
  return url;
}

async function getJson(path, params) {
  const xml = path.endsWith('/diagram');
  const response = await fetch(api(path, params), {credentials: 'same-origin', headers: {Accept: xml ? 'application/xml' : 'application/json'}});
  if (!response.ok) {
    throw new Error(response.status === 403 ? '无权查看（需要流程历史读取权限）' : `请求失败（HTTP ${response.status}）`);
  }
  return xml ? response.text() : response.json();
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null) return;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c))));
  return node;
}

const pad = n => String(n).padStart(2, '0');
function time(value) {
  if (!value) return '';
  // Shown in China Standard Time whatever the browser's zone: the auditors and the records are in Beijing.
  const d = new Date(new Date(value).getTime() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
function duration(ms) {
  if (ms === null || ms === undefined) return '';
  const s = Math.round(ms / 1000), days = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  if (days) return `${days}天${h}小时`;
  if (h) return `${h}小时${m}分`;
  return m ? `${m}分${s % 60}秒` : `${s}秒`;
}
const person = p => p ? (p.name && p.name !== p.id ? `${p.name}（${p.id}）` : p.id) : '';
const instanceLink = (id, text) => el('a', {href: `#/audit/instance/${id}`}, text || id);

function injectStyle() {
  if (document.getElementById('pf-audit-style')) return;
  document.head.append(el('style', {id: 'pf-audit-style'}, `
.pf-audit { padding: 15px 20px; }
.pf-audit h1 { font-size: 22px; margin: 5px 0 15px; }
.pf-audit h2 { font-size: 17px; margin: 25px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.pf-audit .pf-filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; margin-bottom: 12px; }
.pf-audit .pf-filters label { display: flex; flex-direction: column; font-weight: normal; font-size: 12px; color: #555; }
.pf-audit .pf-filters .form-control { min-width: 140px; }
.pf-audit table { background: #fff; }
.pf-audit td, .pf-audit th { font-size: 13px; vertical-align: top; }
.pf-audit .pf-rule-failed td { background: #fdecea; }
.pf-audit .pf-rule-passed td { color: #3c763d; }
.pf-audit .pf-state-running { color: #1c6ea4; } .pf-audit .pf-state-completed { color: #3c763d; }
.pf-audit .pf-state-terminated, .pf-audit .pf-state-cancelled { color: #a94442; }
.pf-audit .pf-summary dt { float: left; clear: left; width: 9em; color: #666; font-weight: normal; }
.pf-audit .pf-summary dd { margin-left: 10em; margin-bottom: 3px; }
.pf-audit .pf-diagram { border: 1px solid #ddd; background: #fff; overflow: auto; max-height: 640px; }
.pf-audit .pf-diagram.pf-fit svg { width: 100%; height: auto; max-height: 620px; }
.pf-audit .pf-diagram-tools { margin: 0 0 6px; font-size: 12px; }
.pf-audit .pf-unchanged { color: #999; }
.pf-audit .pf-code { color: #888; font-size: 11px; }
.pf-audit .pf-value { max-width: 420px; white-space: pre-wrap; word-break: break-all; font-family: monospace; font-size: 12px; }
.pf-audit .pf-met { color: #3c763d; font-weight: bold; } .pf-audit .pf-not-met { color: #a94442; font-weight: bold; }
.pf-audit .pf-overdue td { background: #fdecea; }
.pf-audit .pf-bar { height: 6px; background: #eee; width: 120px; display: inline-block; vertical-align: middle; }
.pf-audit .pf-bar span { display: block; height: 6px; background: #1c6ea4; }
`));
}

function table(headers, rows, attrs) {
  return el('table', Object.assign({class: 'table table-striped table-condensed cam-table'}, attrs || {}),
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', {colspan: headers.length}, '无记录'))]));
}

function failure(node, error) {
  node.replaceChildren(el('div', {class: 'alert alert-danger'}, error.message));
}

// ---------------------------------------------------------------- history search

function renderSearch(node) {
  injectStyle();
  const params = Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] || ''));
  const root = el('div', {class: 'pf-audit', 'data-pf': 'history-search'});
  node.replaceChildren(root);
  const field = (label, input) => el('label', {}, label, input);
  const process = el('select', {class: 'form-control', name: 'processKey'}, el('option', {value: ''}, '全部流程'));
  const businessKey = el('input', {class: 'form-control', name: 'businessKey', placeholder: '如 TZP-2026-01', value: params.businessKey || ''});
  const party = el('input', {class: 'form-control', name: 'party', placeholder: '单位名称、信用代码或申请人', value: params.party || ''});
  const state = el('select', {class: 'form-control', name: 'state'}, STATES.map(([v, l]) => el('option', {value: v}, l)));
  state.value = params.state || '';
  const from = el('input', {class: 'form-control', type: 'date', name: 'from', value: params.from || ''});
  const to = el('input', {class: 'form-control', type: 'date', name: 'to', value: params.to || ''});
  const result = el('div', {});
  const exportLink = el('a', {class: 'btn btn-default', 'data-pf': 'csv'}, '导出 CSV');
  let first = Number(params.firstResult || 0);
  const criteria = () => ({processKey: process.value, businessKey: businessKey.value.trim(), party: party.value.trim(),
    state: state.value, from: from.value, to: to.value});

  async function load() {
    const c = criteria();
    exportLink.href = api('instances.csv', c).toString();
    result.replaceChildren(el('p', {}, '正在查询…'));
    try {
      const page = await getJson('instances', Object.assign({}, c, {firstResult: first, maxResults: PAGE_SIZE}));
      const rows = page.items.map(i => el('tr', {'data-instance': i.id},
        el('td', {}, instanceLink(i.id, i.businessKey || i.id)),
        el('td', {}, i.processName || i.processKey, el('br'), el('small', {class: 'text-muted'}, `${i.processKey} v${i.version}`)),
        el('td', {}, i.organisationName || ''), el('td', {}, i.creditCode || ''),
        el('td', {class: `pf-state-${i.state}`}, i.stateLabel),
        el('td', {}, i.startUserName ? `${i.startUserName}` : ''),
        el('td', {}, time(i.startTime)), el('td', {}, time(i.endTime)), el('td', {}, duration(i.durationMs))));
      const last = Math.min(first + PAGE_SIZE, page.total);
      result.replaceChildren(
        el('p', {}, `共 ${page.total} 个流程实例${page.total ? `，显示第 ${first + 1}–${last} 个` : ''}`),
        table(['业务标识', '流程', '申报单位', '统一社会信用代码', '状态', '发起人', '开始时间', '结束时间', '持续时间'], rows),
        el('div', {class: 'btn-group'},
          el('button', {class: 'btn btn-default', disabled: first === 0 ? 'disabled' : null, onclick: () => { first = Math.max(0, first - PAGE_SIZE); load(); }}, '上一页'),
          el('button', {class: 'btn btn-default', disabled: last >= page.total ? 'disabled' : null, onclick: () => { first += PAGE_SIZE; load(); }}, '下一页')));
    } catch (e) {
      failure(result, e);
    }
  }

  const form = el('form', {class: 'pf-filters', onsubmit: e => { e.preventDefault(); first = 0; load(); }},
    field('流程', process), field('业务标识', businessKey), field('申报单位 / 信用代码 / 申请人', party), field('状态', state),
    field('开始日期自', from), field('至', to),
    el('button', {class: 'btn btn-primary', type: 'submit'}, '查询'), exportLink);
  root.append(el('h1', {}, '流程历史查询'),
    el('p', {class: 'text-muted'}, '全部流程实例（运行中与已结束），只读。点击业务标识查看实例历史。'), form, result);

  getJson('processes').then(processes => {
    Object.entries(processes).forEach(([key, name]) => process.append(el('option', {value: key}, `${name}（${key}）`)));
    process.value = params.processKey || '';
  }).catch(() => {}).finally(load);
}

// ---------------------------------------------------------------- instance history

function renderInstance(node) {
  injectStyle();
  const id = decodeURIComponent(location.hash.replace(/^#\/audit\/instance\//, '').split('?')[0]);
  const root = el('div', {class: 'pf-audit', 'data-pf': 'instance-history'}, el('p', {}, '正在加载…'));
  node.replaceChildren(root);
  Promise.all([getJson(`instances/${encodeURIComponent(id)}`), getJson(`instances/${encodeURIComponent(id)}/diagram`)])
    .then(([h, xml]) => showInstance(root, h, xml))
    .catch(e => failure(root, e));
}

function showInstance(root, h, xml) {
  const i = h.instance;
  const summary = el('dl', {class: 'pf-summary'},
    [['流程', `${i.processName || i.processKey}（${i.processKey}，版本 ${i.version}）`], ['业务标识', i.businessKey || '—'],
     ['申报单位', i.organisationName || '—'], ['统一社会信用代码', i.creditCode || '—'], ['状态', i.stateLabel],
     ['发起人', i.startUserName ? `${i.startUserName}（${i.startUserId}）` : '—'], ['开始时间', time(i.startTime)],
     ['结束时间', time(i.endTime) || '—'], ['持续时间', duration(i.durationMs) || '—'], ['流程实例ID', i.id]]
      .concat(i.deleteReason && i.state !== 'completed' ? [['取消原因', i.deleteReason]] : [])
      .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));

  const links = [];
  if (h.calledBy) links.push(el('li', {}, '由上级流程调用：', instanceLink(h.calledBy.id, `${h.calledBy.processName || ''} ${h.calledBy.businessKey || h.calledBy.id}`),
    h.calledBy.activityName ? `（节点：${h.calledBy.activityName}）` : ''));
  h.called.forEach(c => links.push(el('li', {}, `调用子流程（${c.activityName || c.activityId || ''}）：`,
    instanceLink(c.id, `${c.processName || c.processKey} ${c.businessKey || c.id}`), ` — ${c.stateLabel || ''}`)));

  // The whole diagram fits the panel by default (end events included); 原始大小 shows it unscaled.
  const diagram = el('div', {class: 'pf-diagram pf-fit', 'data-pf': 'diagram'});
  try {
    renderDiagram(diagram, xml, h.activityCounts, h.activeActivityIds, h.takenFlowIds);
    const svgRoot = diagram.querySelector('svg');
    if (svgRoot) svgRoot.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  } catch (e) {
    diagram.append(el('p', {class: 'text-muted'}, `流程图无法显示：${e.message}`));
  }
  const zoom = el('a', {href: '#', 'data-pf': 'diagram-zoom'}, '原始大小');
  zoom.addEventListener('click', (event) => {
    event.preventDefault();
    const fit = diagram.classList.toggle('pf-fit');
    zoom.textContent = fit ? '原始大小' : '适应宽度';
  });
  const diagramTools = el('p', {class: 'pf-diagram-tools'}, '显示：', zoom);

  const timeline = table(['开始', '节点', '类型', '结束', '耗时', '办理人', '完成人 / 规则结论'], h.timeline.map(t => {
    if (t.kind === 'rule') {
      const cls = t.passed ? 'pf-rule-passed' : 'pf-rule-failed';
      return el('tr', {class: cls, 'data-rule': t.rule},
        el('td', {}, time(t.time)), el('td', {}, t.name || t.activityId || ''), el('td', {}, t.typeLabel),
        el('td', {colspan: 3}, `规则 ${t.rule}${t.field ? `（字段 ${t.field}）` : ''}：${t.passed ? '通过' : '未通过'}`),
        el('td', {}, t.reasonZh || '', t.actor ? el('div', {class: 'text-muted'}, `操作人：${person(t.actor)}`) : ''));
    }
    return el('tr', {'data-activity': t.activityId},
      el('td', {}, time(t.time)), el('td', {}, t.name || t.activityId), el('td', {}, t.typeLabel + (t.canceled ? '（已取消）' : '')),
      el('td', {}, time(t.end) || (t.canceled ? '' : '进行中')), el('td', {}, duration(t.durationMs)),
      el('td', {}, person(t.assignee)),
      el('td', {class: 'pf-completed-by'}, person(t.completedBy),
        t.calledProcessInstanceId ? instanceLink(t.calledProcessInstanceId, '查看子流程') : ''));
  }), {'data-pf': 'timeline'});

  // Each variable under its form label (the variable name beneath, for whoever needs the data key) and
  // each coded value as the form showed it. A value submitted again unchanged (a read-only field of a
  // later form) is not a change: hidden unless asked for.
  const variableRows = h.variables.map(v => el('tr', {class: v.unchanged ? 'pf-unchanged' : '', 'data-unchanged': String(!!v.unchanged)},
    el('td', {}, time(v.time)),
    // A variable no form shows (set by the engine or a rule, e.g. applicant) has only its data key: shown
    // as a key, marked 系统变量, not as if it were a word of the interface.
    el('td', {}, v.label || '系统变量', el('div', {class: 'pf-code'}, v.name)),
    el('td', {}, el('div', {class: 'pf-value'}, v.valueLabel || (v.value === null ? '（空）' : v.value)),
      v.valueLabel ? el('div', {class: 'pf-code'}, v.value) : '', v.unchanged ? el('div', {class: 'pf-code'}, '（与上次相同，未修改）') : ''),
    el('td', {}, v.context || ''), el('td', {}, v.by ? person(v.by) : '系统')));
  const variables = table(['时间', '变量', '值', '来源', '操作人'], variableRows, {'data-pf': 'variables'});
  const unchangedCount = h.variables.filter(v => v.unchanged).length;
  const showUnchanged = el('input', {type: 'checkbox', 'data-pf': 'show-unchanged'});
  const applyUnchanged = () => variableRows.forEach(row => {
    if (row.dataset.unchanged === 'true') row.style.display = showUnchanged.checked ? '' : 'none';
  });
  showUnchanged.addEventListener('change', applyUnchanged);
  applyUnchanged();
  const variableTools = unchangedCount ? el('p', {class: 'pf-diagram-tools'}, el('label', {style: 'font-weight: normal'}, showUnchanged,
    ` 显示未改变而再次记录的值（${unchangedCount} 条）`)) : '';

  // One sentence per operation: the engine logs one entry per changed property of the same operation.
  const seen = new Set();
  const operationRows = h.operations.filter(o => {
    const key = o.operationId || `${o.time}-${o.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map(o => el('tr', {},
    el('td', {}, time(o.time)), el('td', {}, o.sentence || `${person(o.user)} ${o.operationLabel}`),
    el('td', {}, o.annotation || '')));
  const operations = table(['时间', '操作', '备注'], operationRows, {'data-pf': 'operations'});

  const incidents = table(['发生时间', '结束时间', '状态', '类型', '节点', '信息'], h.incidents.map(x => el('tr', {},
    el('td', {}, time(x.created)), el('td', {}, time(x.ended)), el('td', {}, x.state), el('td', {}, x.type),
    el('td', {}, x.activityName || x.activityId || ''), el('td', {}, el('div', {class: 'pf-value'}, x.message || '')))), {'data-pf': 'incidents'});

  root.replaceChildren(
    el('p', {}, el('a', {href: '#/audit'}, '← 返回流程历史查询')),
    el('h1', {}, `实例历史：${i.processName || i.processKey} ${i.businessKey || ''}`), summary,
    links.length ? el('div', {}, el('h2', {}, '关联流程'), el('ul', {}, links)) : '',
    el('h2', {}, '流程图（已走路径与各节点次数）'), diagramTools, diagram,
    el('h2', {}, '时间线（含规则审查结论）'), timeline,
    el('h2', {}, '变量历史（表单提交与变量变更）'), variableTools, variables,
    el('h2', {}, '用户操作日志'), operations,
    el('h2', {}, '异常事件'), incidents);
}

// ---------------------------------------------------------------- dashboard: targets and deadlines

function renderDashboard(node) {
  injectStyle();
  const root = el('div', {class: 'pf-audit', 'data-pf': 'targets-dashboard'}, el('p', {}, '正在加载规划指标…'));
  node.replaceChildren(root);
  Promise.all([getJson('targets'), getJson('deadlines', {days: 30})]).then(([board, deadlines]) => {
    const targets = table(['指标', '目标', '当前值', '完成度', '状态', '数据来源'], board.targets.map(t => {
      const pct = t.percent === null || t.percent === undefined ? null : Math.min(100, t.percent);
      const source = t.countedBy === 'engine' ? '流程自动统计'
        : t.recorded ? `${t.recorded.source}（截至 ${t.recorded.asOfDate}，填报人 ${t.recorded.reporterName || t.recorded.reporterId || ''}） `
        : '';
      return el('tr', {'data-target': t.key},
        el('td', {}, t.label), el('td', t.wording ? {title: `原文：${t.wording}`} : {}, t.target === null ? '—' : `${t.comparisonSymbol} ${t.target} ${t.unit}${t.dueYear ? `（${t.dueYear}年）` : ''}`),
        el('td', {}, t.value === null ? '—' : `${t.value} ${t.unit}`),
        el('td', {}, pct === null ? '' : [el('span', {class: 'pf-bar'}, el('span', {style: `width:${pct}%`})), ` ${t.percent}%`]),
        el('td', {class: t.status === 'met' ? 'pf-met' : t.status === 'not-met' ? 'pf-not-met' : ''}, t.statusLabel),
        el('td', {}, source, t.recorded ? instanceLink(t.recorded.processInstanceId, '填报记录') : ''));
    }));
    const deadlineRow = d => el('tr', {class: d.overdue ? 'pf-overdue' : ''},
      el('td', {}, time(d.due)), el('td', {}, d.overdue ? `逾期 ${-d.daysLeft} 天` : `剩余 ${d.daysLeft} 天`),
      el('td', {}, d.kindLabel), el('td', {}, d.name || ''), el('td', {}, d.processName || d.processKey),
      el('td', {}, instanceLink(d.processInstanceId, d.businessKey || d.processInstanceId)),
      el('td', {}, [d.assignee, ...(d.candidateGroups || [])].filter(Boolean).join('、')));
    const headers = ['到期时间', '剩余', '类型', '事项', '流程', '业务标识', '办理人 / 候选组'];
    root.replaceChildren(
      el('h2', {}, `规划指标完成情况 — ${board.plan}`),
      el('p', {class: 'text-muted'}, '创新伙伴、创新联合体、技术创新中心由流程自动统计；其他指标为科委工作人员经“填报规划指标数值”流程填报并经另一人核对的最新数值。'),
      targets,
      el('h2', {}, `已逾期（${deadlines.overdue.length}）`), table(headers, deadlines.overdue.map(deadlineRow)),
      el('h2', {}, `30 天内到期（${deadlines.upcoming.length}）`), table(headers, deadlines.upcoming.map(deadlineRow)),
      el('p', {}, el('a', {href: '#/audit'}, '流程历史查询 →')));
  }).catch(e => failure(root, e));
}

export default [
  {
    id: 'policyflow.audit.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {path: '/audit'},
    render: node => { node.replaceChildren(el('a', {href: '#/audit'}, '历史审计')); }
  },
  {
    id: 'policyflow.audit.search',
    pluginPoint: 'cockpit.route',
    properties: {path: '/audit', label: '流程历史查询'},
    render: node => renderSearch(node)
  },
  {
    id: 'policyflow.audit.instance',
    pluginPoint: 'cockpit.route',
    properties: {path: '/audit/instance/:id', label: '实例历史'},
    render: node => renderInstance(node)
  },
  {
    id: 'policyflow.audit.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 10,
    render: node => renderDashboard(node)
  }
];
