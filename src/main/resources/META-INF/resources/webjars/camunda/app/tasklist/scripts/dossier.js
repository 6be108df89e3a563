/*
 * Tasklist tab "申报材料" (plugin point tasklist.task.detail): the dossier of the case the open task
 * belongs to, as the server lets this user see it (GET <context>/api/dossiers/tasks/{taskId}).
 *
 * Camunda Forms in Tasklist 7.24 have no file picker, so documents are uploaded here, one control per
 * document type the task accepts, and the server refuses to complete the task while a required type is
 * missing (DOC-1). Everything shown comes from the server: the checklist, the fields under their form
 * labels, the documents with their earlier versions, and the related cases (for example the applications
 * of a call on the selection task), whose dossiers open inside this tab. The server decides who sees what
 * and checks size and file type again; the check here only saves a wasted upload of a 20 MB file.
 *
 * The calls use the webapp login (the session cookie) with Tasklist's CSRF token, as the engine calls of
 * Tasklist itself do, so nobody types a password twice.
 */
const ROOT = new URL('../../../../', import.meta.url);
const API = new URL('api/dossiers/', ROOT);
const MAX_BYTES = 20 * 1024 * 1024;
const TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png', 'zip', 'ofd'];

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([key, value]) => {
    if (value == null) return;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  });
  children.filter(Boolean).forEach((child) => node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child));
  return node;
}

export function formatSize(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "2026-03-02T09:15:00.000+0800" as the office reads it: 2026-03-02 09:15. */
export function formatTime(value) {
  if (!value) return '';
  const date = new Date(String(value).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function formatValue(value) {
  if (value == null || value === '') return '—';
  if (value === true) return '是';
  if (value === false) return '否';
  if (Array.isArray(value)) return value.map(formatValue).join('、');
  if (typeof value === 'object') return Object.values(value).map(formatValue).join('，');
  return String(value);
}

/** A URL the server gave (absolute path below the application's context, or absolute). */
function resolve(url) {
  return new URL(String(url).replace(/^\//, ''), ROOT);
}

/** The server's refusal in its own words (Chinese first), or the HTTP status when it sent none. */
async function readError(response) {
  try {
    const body = await response.json();
    if (body.message) return body.message;
    if (Array.isArray(body.violations)) return body.violations.map((v) => v.reasonZh || v.messageZh || v.message).join('；');
  } catch (e) {
    // not JSON: fall through to the status
  }
  if (response.status === 403) return '您无权查看或修改该申报材料。 You may not see or change this dossier.';
  return `请求失败（HTTP ${response.status}）。`;
}

function sectionsView(sections) {
  if (!sections || !sections.length) return el('p', { class: 'text-muted', text: '尚无已提交的填报内容。' });
  return el('div', { 'data-pf': 'dossier-sections' }, sections.map((section) =>
    el('div', { class: 'panel panel-default', 'data-pf': 'dossier-section', 'data-stage': section.stage }, [
      el('div', { class: 'panel-heading' }, [
        el('strong', { text: section.title || section.stage || '填报内容' }),
        el('span', { class: 'text-muted', style: 'margin-left: 1em',
          text: [section.submittedByName || section.submittedBy, formatTime(section.submittedAt)].filter(Boolean).join(' · ') })
      ]),
      el('table', { class: 'table table-condensed', style: 'margin-bottom: 0' }, [
        el('tbody', {}, (section.fields || []).map((field) =>
          el('tr', { 'data-field': field.key }, [
            el('th', { style: 'width: 35%; font-weight: normal; color: #555', text: field.label }),
            el('td', { style: 'white-space: pre-wrap', text: formatValue(field.value) })
          ])))
      ])
    ])));
}

function documentRow(doc, { earlier = false, hidden = false, onToggle = null, earlierCount = 0 } = {}) {
  const sha = doc.sha256 || '';
  return el('tr', {
    'data-pf': earlier ? 'dossier-document-earlier' : 'dossier-document',
    'data-type': doc.type, 'data-version': String(doc.version),
    class: earlier ? 'text-muted' : null,
    style: hidden ? 'display: none' : null
  }, [
    el('td', { text: earlier ? '' : (doc.typeLabel || doc.type) }),
    el('td', {}, [
      el('a', { href: resolve(doc.downloadUrl).href, download: doc.fileName, 'data-pf': 'dossier-download', text: doc.fileName }),
      earlier || !earlierCount ? null : el('button', {
        type: 'button', class: 'btn btn-link btn-xs', 'data-pf': 'dossier-earlier-toggle', onclick: onToggle,
        text: `早先版本（${earlierCount}）`
      })
    ]),
    el('td', { text: `第 ${doc.version} 版${doc.current ? '' : '（已被替换）'}` }),
    el('td', { text: doc.uploadedByName || doc.uploadedBy || '' }),
    el('td', { text: formatTime(doc.uploadedAt) }),
    el('td', { text: formatSize(doc.size) }),
    el('td', {}, [el('code', { title: sha, 'data-pf': 'dossier-sha256', text: sha ? `${sha.slice(0, 12)}…` : '' })]),
    el('td', { text: doc.stage || '' })
  ]);
}

function documentsView(documents) {
  if (!documents || !documents.length) return el('p', { class: 'text-muted', 'data-pf': 'dossier-no-documents', text: '尚无上传的材料。' });
  const byType = new Map();
  documents.forEach((doc) => {
    if (!byType.has(doc.type)) byType.set(doc.type, []);
    byType.get(doc.type).push(doc);
  });
  const rows = [];
  byType.forEach((versions) => {
    versions.sort((a, b) => b.version - a.version);
    const [current, ...earlier] = versions;
    const earlierRows = earlier.map((doc) => documentRow(doc, { earlier: true, hidden: true }));
    const toggle = () => earlierRows.forEach((row) => { row.style.display = row.style.display === 'none' ? '' : 'none'; });
    rows.push(documentRow(current, { onToggle: toggle, earlierCount: earlier.length }), ...earlierRows);
  });
  return el('table', { class: 'table table-condensed table-hover', 'data-pf': 'dossier-documents' }, [
    el('thead', {}, [el('tr', {}, ['材料类型', '文件', '版本', '上传人', '上传时间', '大小', 'SHA-256', '上传环节']
      .map((text) => el('th', { text })))]),
    el('tbody', {}, rows)
  ]);
}

function relatedView(related, openCase) {
  if (!related || !related.length) return null;
  return el('div', { 'data-pf': 'dossier-related' }, [
    el('h4', { text: `相关案卷（${related.length}）` }),
    el('table', { class: 'table table-condensed table-striped' }, [
      el('tbody', {}, related.map((item) => el('tr', { 'data-case': item.caseId }, [
        el('td', {}, [el('strong', { text: item.title })]),
        el('td', { text: (item.summary || []).map((s) => `${s.label}：${formatValue(s.value)}`).join('；') }),
        el('td', { style: 'white-space: nowrap' }, [el('a', {
          href: '', 'data-pf': 'dossier-related-open', text: '查看申报材料',
          onclick: (event) => { event.preventDefault(); openCase(item); }
        })])
      ])))
    ])
  ]);
}

function uploadView(upload, { taskId, csrf, onUploaded }) {
  if (!upload || !upload.allowed || !(upload.types || []).length) return null;
  const rows = upload.types.map((type) => {
    const input = el('input', { type: 'file', 'data-pf': 'dossier-file', 'data-type': type.type, accept: TYPES.map((t) => `.${t}`).join(',') });
    const message = el('div', { 'data-pf': 'dossier-upload-message', 'data-type': type.type, role: 'status' });
    const show = (text, kind) => {
      message.textContent = text;
      message.className = `alert alert-${kind}`;
      message.style.cssText = 'margin: 6px 0 0; padding: 6px 10px';
    };
    const button = el('button', { type: 'button', class: 'btn btn-default btn-sm', 'data-pf': 'dossier-upload', 'data-type': type.type, text: '上传' });
    button.addEventListener('click', async () => {
      const file = input.files[0];
      if (!file) return show('请先选择文件。', 'warning');
      const extension = file.name.includes('.') ? file.name.split('.').pop().toLowerCase() : '';
      if (!TYPES.includes(extension)) return show(`文件“${file.name}”的类型不允许，仅接受：${TYPES.join('、')}。`, 'danger');
      if (file.size > MAX_BYTES) return show(`文件“${file.name}”超过大小上限 20 MB。`, 'danger');
      const body = new FormData();
      body.append('type', type.type);
      body.append('file', file, file.name);
      button.disabled = true;
      try {
        const response = await fetch(new URL(`tasks/${encodeURIComponent(taskId)}/documents`, API), {
          method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'X-XSRF-TOKEN': csrf }, body
        });
        if (!response.ok) return show(await readError(response), 'danger');
        const doc = await response.json();
        await onUploaded(`已上传“${doc.fileName || file.name}”（${type.label}，第 ${doc.version} 版，${formatSize(doc.size)}）。`);
      } catch (e) {
        show(`上传失败：${e.message}`, 'danger');
      } finally {
        button.disabled = false;
      }
    });
    return el('tr', { 'data-pf': 'dossier-checklist-item', 'data-type': type.type, 'data-present': String(!!type.present) }, [
      el('td', { style: 'width: 2em; font-size: 16px' }, [el('span', {
        class: type.present ? 'text-success' : (type.required ? 'text-danger' : 'text-muted'),
        title: type.present ? '已上传' : '尚未上传', text: type.present ? '✔' : '✘'
      })]),
      el('td', {}, [
        el('strong', { text: type.label }),
        el('span', { class: `label label-${type.required ? 'danger' : 'default'}`, style: 'margin-left: 6px', text: type.required ? '必需' : '可选' }),
        type.seedClause ? el('div', { class: 'text-muted small', text: `依据：${type.seedClause}` }) : null
      ]),
      el('td', {}, [el('div', { style: 'display: flex; gap: 6px; align-items: center' }, [input, button]), message])
    ]);
  });
  const missing = upload.types.filter((t) => t.required && !t.present).map((t) => t.label);
  return el('div', { 'data-pf': 'dossier-checklist' }, [
    el('h4', { text: '本环节应提交的材料' }),
    el('p', { class: missing.length ? 'text-danger' : 'text-success', 'data-pf': 'dossier-missing',
      text: missing.length ? `尚缺必需材料：${missing.join('、')}。缺少必需材料时不能完成本任务。` : '必需材料已齐全。' }),
    el('p', { class: 'text-muted small', text: `允许类型：${TYPES.join('、')}；单个文件不超过 20 MB。同一类材料再次上传即为新版本，旧版本保留。` }),
    el('table', { class: 'table table-condensed' }, [el('tbody', {}, rows)])
  ]);
}

function dossierView(dossier, options) {
  const heading = el('div', { style: 'margin-bottom: 10px' }, [
    options.back ? el('button', { type: 'button', class: 'btn btn-default btn-sm', style: 'margin-right: 10px', 'data-pf': 'dossier-back', text: '← 返回本任务的申报材料', onclick: options.back }) : null,
    el('strong', { style: 'font-size: 16px', 'data-pf': 'dossier-title', text: dossier.caseTitle || '申报材料' }),
    el('span', { class: 'text-muted', style: 'margin-left: 1em',
      text: [dossier.programme, dossier.startedAt ? `${formatTime(dossier.startedAt)} 发起` : null].filter(Boolean).join(' · ') })
  ]);
  return el('div', { 'data-pf': 'dossier', 'data-case': dossier.caseId }, [
    heading,
    options.notice,
    uploadView(dossier.upload, options),
    el('h4', { text: '已提交的材料' }),
    documentsView(dossier.documents),
    el('h4', { text: '填报内容与各环节意见' }),
    sectionsView(dossier.sections),
    relatedView(dossier.related, options.openCase)
  ]);
}

function render(node, { api, taskId }) {
  const root = el('div', { class: 'policyflow-dossier', style: 'padding: 10px 15px' });
  node.appendChild(root);
  const csrf = api && api.CSRFToken;

  async function load(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(await readError(response));
    return response.json();
  }

  function failed(message) {
    root.replaceChildren(el('div', { class: 'alert alert-danger', 'data-pf': 'dossier-error', text: `申报材料加载失败：${message}` }));
  }

  async function showTask(notice) {
    root.replaceChildren(el('p', { class: 'text-muted', text: '加载中…' }));
    try {
      const dossier = await load(new URL(`tasks/${encodeURIComponent(taskId)}`, API));
      root.replaceChildren(dossierView(dossier, {
        taskId, csrf,
        notice: notice ? el('div', { class: 'alert alert-success', 'data-pf': 'dossier-notice', text: notice }) : null,
        onUploaded: (message) => showTask(message),
        openCase: (item) => showCase(item)
      }));
    } catch (e) {
      failed(e.message);
    }
  }

  async function showCase(item) {
    root.replaceChildren(el('p', { class: 'text-muted', text: '加载中…' }));
    try {
      const dossier = await load(item.url && item.url.includes('/api/dossiers/') ? resolve(item.url)
        : new URL(encodeURIComponent(item.caseId), API));
      delete dossier.upload;
      root.replaceChildren(dossierView(dossier, { back: () => showTask(), openCase: (other) => showCase(other) }));
    } catch (e) {
      failed(e.message);
      root.prepend(el('button', { type: 'button', class: 'btn btn-default btn-sm', text: '← 返回', onclick: () => showTask() }));
    }
  }

  showTask();
}

export default {
  id: 'policyflow-dossier',
  pluginPoint: 'tasklist.task.detail',
  priority: 5,
  label: '申报材料',
  render
};
