/*
 * Chinese for what form-js itself writes into a Tasklist task form, and a claim hint.
 *
 * Tasklist 7.24 renders Camunda Forms with form-js 1.8.7, whose own strings ("Select", "Add new",
 * "Field is required." …) are English literals with no translation hook, and whose date picker
 * (flatpickr) is created with the default English locale and Sunday-first weeks. This script runs
 * only when the webapp is in Chinese and only inside form-js containers: it replaces those literals
 * (text, placeholder, aria-label, title) with their Chinese wording and gives every date picker the
 * Chinese locale with Monday-first weeks (flatpickr's own set('locale', …)). Nothing is submitted
 * differently: only what is shown changes.
 *
 * A candidate has to claim a task before its form accepts input; Tasklist only shows a small
 * "认领" link. The hint above the form says so and claims on a click.
 */
const FIXED = new Map([
  ['Select', '请选择'],
  ['Search', '搜索'],
  ['No results', '无匹配项'],
  ['All values selected', '已全部选择'],
  ['Add new', '新增一项'],
  ['Delete item', '删除此项'],
  ['Remove tag', '移除'],
  ['Toggle list item', '展开/收起此项'],
  ['Collapse', '收起'],
  ['Field is required.', '此项为必填项。'],
  ['Field must be a valid email.', '请填写有效的电子邮箱。'],
  ['Date and time must both be entered.', '日期和时间须同时填写。'],
  ['Value is not a number.', '请填写数字。'],
  ['Should be a valid number.', '请填写有效的数字。'],
  ['Should be a valid number', '请填写有效的数字'],
  ['Should be an integer.', '请填写整数。'],
  ['Should be greater than zero.', '须大于零。'],
  ['Should be greater than or equal to zero.', '须大于或等于零。'],
  ['Increment', '增加'],
  ['Decrement', '减少'],
  ['Nothing to show.', '暂无数据。'],
  ['Next page', '下一页'],
  ['Previous page', '上一页'],
  ['Click to remove sorting', '点击取消排序'],
  ['Failed to render form', '表单无法显示'],
  ['Checked', '已选'],
  ['Not checked', '未选']
]);

const PATTERNS = [
  [/^Field must have minimum length of (\d+)\.$/, (n) => `至少填写 ${n} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (n) => `最多填写 ${n} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, (n) => `不得小于 ${n}。`],
  [/^Field must have maximum value of (.+)\.$/, (n) => `不得大于 ${n}。`],
  [/^Field must match pattern (.+)\.$/, (p) => `格式不符合要求（${p}）。`],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请填写有效的电话号码（含国际区号）。'],
  [/^Should be at least (.+?)\.?$/, (n) => `不得小于 ${n}。`],
  [/^Should be at most (.+?)\.?$/, (n) => `不得大于 ${n}。`],
  [/^Should not contain more than (\d+) decimal digits\.?$/, (n) => `小数不得超过 ${n} 位。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (a, b) => `请填写有效值，最接近的两个有效值是 ${a} 和 ${b}。`],
  [/^Remove list item (\d+)$/, (n) => `删除第 ${n} 项`],
  [/^Remove (.+)$/, (label) => `移除 ${label}`],
  [/^Expand all \((\d+)\)$/, (n) => `全部展开（${n}）`],
  [/^List contains (\d+) items?$/, (n) => `列表共 ${n} 项`],
  [/^Click to sort by (.+) ascending$/, (c) => `点击按“${c}”升序排列`],
  [/^Click to sort by (.+) descending$/, (c) => `点击按“${c}”降序排列`]
];

const FLATPICKR_ZH = {
  weekdays: {
    shorthand: ['日', '一', '二', '三', '四', '五', '六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时制',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
  time_24hr: true,
  ordinal: () => ''
};

export function translate(text) {
  const trimmed = text.trim();
  if (!trimmed || !/[A-Za-z]/.test(trimmed)) {
    return null;
  }
  let result = FIXED.get(trimmed);
  if (result === undefined) {
    for (const [pattern, render] of PATTERNS) {
      const match = trimmed.match(pattern);
      if (match) {
        result = render(...match.slice(1));
        break;
      }
    }
  }
  return result === undefined ? null : text.replace(trimmed, result);
}

function chinese() {
  const lang = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return lang.toLowerCase().startsWith('zh');
}

function translateNode(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const replaced = translate(node.nodeValue);
    if (replaced !== null) {
      node.nodeValue = replaced;
    }
  }
  const elements = root.querySelectorAll ? [root, ...root.querySelectorAll('[placeholder],[aria-label],[title]')] : [];
  for (const element of elements) {
    for (const attribute of ['placeholder', 'aria-label', 'title']) {
      const value = element.getAttribute && element.getAttribute(attribute);
      const replaced = value ? translate(value) : null;
      if (replaced !== null) {
        element.setAttribute(attribute, replaced);
      }
    }
  }
  root.querySelectorAll && root.querySelectorAll('input').forEach((input) => {
    const picker = input._flatpickr;
    if (picker && !picker.policyflowZh) {
      picker.policyflowZh = true;
      picker.set('locale', FLATPICKR_ZH);
    }
  });
}

function claimHint(container) {
  // A start form (in the start dialog) belongs to no task: nothing to claim.
  const view = container.closest('.modal') ? null : container.closest('.task-card, [cam-tasklist-task], .task-detail, body');
  const claim = view && view.querySelector('button.claim');
  const existing = container.parentElement && container.parentElement.querySelector('.policyflow-claim-hint');
  if (!claim) {
    if (existing) existing.remove();
    return;
  }
  if (existing) {
    return;
  }
  const hint = document.createElement('div');
  hint.className = 'alert alert-info policyflow-claim-hint';
  hint.setAttribute('role', 'note');
  hint.appendChild(document.createTextNode('本任务尚未认领：认领后才能填写和提交表单。'));
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn btn-primary btn-sm';
  button.style.marginLeft = '10px';
  button.textContent = '认领并办理';
  button.addEventListener('click', () => {
    const current = view.querySelector('button.claim');
    if (current) current.click();
  });
  hint.appendChild(button);
  container.parentElement.insertBefore(hint, container);
}

let scheduled = false;
function refresh() {
  scheduled = false;
  document.querySelectorAll('.fjs-container').forEach((container) => {
    translateNode(container);
    claimHint(container);
  });
}

if (typeof document !== 'undefined' && chinese()) {
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(refresh);
    }
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['placeholder', 'aria-label', 'title', 'class'] });
}
