/*
 * Tasklist tab "附件 / Attachments" (plugin point tasklist.task.detail).
 *
 * Camunda Forms in Tasklist 7.24 have no file picker, so documents (application materials,
 * agreements, reports, evidence) are attached to tasks through the engine's attachment API,
 * called on the webapp's session path (api.engineApi) with the CSRF token. The tab lists the
 * open task's attachments and those of every other task of the same process instance (the
 * engine REST API has no per-instance list; attachments outlive their task), uploads to the
 * open task and downloads any of them. The server enforces the same limits
 * (policyflow.attachments.*, AttachmentLimitFilter); the check here only saves a wasted upload.
 */
const MAX_BYTES = 20 * 1024 * 1024;
const TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png', 'zip', 'ofd'];

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([key, value]) => {
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  });
  children.forEach((child) => node.appendChild(child));
  return node;
}

function formatSize(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function readError(response) {
  try {
    const body = await response.json();
    return body.message || `HTTP ${response.status}`;
  } catch (e) {
    return `HTTP ${response.status}`;
  }
}

function render(node, { api, taskId }) {
  const headers = { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken };
  const base = api.engineApi;
  const message = el('div', { class: 'policyflow-attachments-message', role: 'status' });
  const list = el('tbody');
  const fileInput = el('input', {
    type: 'file',
    'data-testid': 'attachment-file',
    accept: TYPES.map((type) => `.${type}`).join(',')
  });
  const description = el('input', { type: 'text', class: 'form-control', placeholder: '说明（可选）' });
  const upload = el('button', { class: 'btn btn-primary', type: 'button', text: '上传' });

  function show(text, kind) {
    message.textContent = text;
    message.className = `policyflow-attachments-message alert alert-${kind}`;
  }

  async function tasksOfInstance() {
    const task = await fetch(`${base}/task/${taskId}`, { headers, credentials: 'same-origin' }).then((r) => r.json());
    if (!task.processInstanceId) return [{ id: taskId, name: task.name, current: true }];
    const history = await fetch(
      `${base}/history/task?processInstanceId=${encodeURIComponent(task.processInstanceId)}&sortBy=startTime&sortOrder=asc`,
      { headers, credentials: 'same-origin' }
    ).then((r) => (r.ok ? r.json() : []));
    const tasks = history.map((t) => ({ id: t.id, name: t.name, current: t.id === taskId }));
    if (!tasks.some((t) => t.current)) tasks.push({ id: taskId, name: task.name, current: true });
    return tasks;
  }

  async function refresh() {
    list.replaceChildren(el('tr', {}, [el('td', { colspan: '4', text: '加载中…' })]));
    try {
      const rows = [];
      for (const task of await tasksOfInstance()) {
        const response = await fetch(`${base}/task/${task.id}/attachment`, { headers, credentials: 'same-origin' });
        if (!response.ok) continue;
        (await response.json()).forEach((attachment) => rows.push({ task, attachment }));
      }
      rows.sort((a, b) => String(b.attachment.createTime).localeCompare(String(a.attachment.createTime)));
      list.replaceChildren(
        ...(rows.length
          ? rows.map(({ task, attachment }) =>
              el('tr', { 'data-attachment': attachment.name }, [
                el('td', {}, [
                  el('a', {
                    href: `${base}/task/${task.id}/attachment/${attachment.id}/data`,
                    download: attachment.name,
                    text: attachment.name
                  })
                ]),
                el('td', { text: attachment.description || '' }),
                el('td', { text: task.current ? '本任务' : task.name || task.id }),
                el('td', { text: (attachment.createTime || '').replace('T', ' ').slice(0, 16) })
              ])
            )
          : [el('tr', {}, [el('td', { colspan: '4', text: '暂无附件。No attachments yet.' })])])
      );
    } catch (e) {
      show(`附件列表加载失败 / Could not load attachments: ${e.message}`, 'danger');
    }
  }

  upload.addEventListener('click', async () => {
    const file = fileInput.files[0];
    if (!file) {
      show('请先选择文件。 Choose a file first.', 'warning');
      return;
    }
    const extension = file.name.includes('.') ? file.name.split('.').pop().toLowerCase() : '';
    if (!TYPES.includes(extension)) {
      show(`附件“${file.name}”的文件类型不允许，仅接受：${TYPES.join(', ')}。 Attachment "${file.name}" has a file type that is not accepted; accepted types: ${TYPES.join(', ')}.`, 'danger');
      return;
    }
    if (file.size > MAX_BYTES) {
      show(`附件“${file.name}”超过大小上限 20 MB。 Attachment "${file.name}" exceeds the size limit of 20 MB.`, 'danger');
      return;
    }
    const body = new FormData();
    body.append('attachment-name', file.name);
    body.append('attachment-description', description.value || '');
    body.append('attachment-type', file.type || 'application/octet-stream');
    body.append('content', file, file.name);
    upload.disabled = true;
    try {
      const response = await fetch(`${base}/task/${taskId}/attachment/create`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
        credentials: 'same-origin',
        body
      });
      if (!response.ok) {
        show(await readError(response), 'danger');
        return;
      }
      show(`已上传“${file.name}”（${formatSize(file.size)}）。 Uploaded.`, 'success');
      fileInput.value = '';
      description.value = '';
      await refresh();
    } finally {
      upload.disabled = false;
    }
  });

  node.appendChild(
    el('div', { class: 'policyflow-attachments', style: 'padding: 10px 15px' }, [
      el('p', {
        class: 'text-muted',
        text: `申报材料、协议、报告和佐证材料在此上传和下载。允许类型：${TYPES.join(', ')}；单个文件不超过 20 MB。`
      }),
      el('div', { class: 'form-inline', style: 'margin-bottom: 10px; display: flex; gap: 8px; align-items: center' }, [
        fileInput,
        description,
        upload
      ]),
      message,
      el('table', { class: 'table table-condensed' }, [
        el('thead', {}, [
          el('tr', {}, ['文件', '说明', '所属任务', '上传时间'].map((text) => el('th', { text })))
        ]),
        list
      ])
    ])
  );
  refresh();
}

export default {
  id: 'policyflow-attachments',
  pluginPoint: 'tasklist.task.detail',
  priority: 5,
  label: '附件',
  render
};
