/*
 * After a process is started from Tasklist, say which case was opened: Tasklist only shows
 * "流程已发起。", so an officer who opened a partner call never learned its call id (the number every
 * applicant has to quote) and an applicant never learned the number of the application.
 * The engine's answer to the start request carries the instance's business key (a call's id, an
 * application's "<call id>:<credit code>"); this script shows it in a notice that stays until closed.
 */
const START_URL = /\/process-definition\/[^/]+\/submit-form\/?(\?|$)/;

function notice(businessKey, url) {
  document.getElementById('policyflow-started')?.remove();
  const box = document.createElement('div');
  box.id = 'policyflow-started';
  box.className = 'alert alert-success';
  box.setAttribute('role', 'status');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  const text = document.createElement('span');
  text.textContent = '已发起，业务编号：';
  const key = document.createElement('strong');
  key.textContent = businessKey;
  key.setAttribute('data-business-key', businessKey);
  const hint = document.createElement('span');
  // A call's id is what applicants quote (征集批次编号); the definition id in the URL starts with the key.
  hint.textContent = /\/process-definition\/partner-call(:|%3A)/i.test(url)
    ? '（征集批次编号：申报单位申报时在“征集批次”中选择此批次；进行中的批次见页首“征集批次”）' : '（请记录此编号，查询和咨询时使用）';
  box.append(close, text, key, hint);
  document.body.appendChild(box);
}

if (typeof XMLHttpRequest !== 'undefined') {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (String(method).toUpperCase() === 'POST' && START_URL.test(String(url))) {
      this.addEventListener('load', () => {
        if (this.status < 200 || this.status >= 300) return;
        try {
          const started = JSON.parse(this.responseText);
          if (started && started.businessKey) notice(started.businessKey, String(url));
        } catch (e) {
          // Not a JSON answer: nothing to show.
        }
      });
    }
    return open.call(this, method, url, ...rest);
  };
}
