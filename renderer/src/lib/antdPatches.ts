/**
 * What antd leaves in English or in the way of the Tab key although zh_CN is the locale (issue 20):
 *
 * - Tab in a select whose list is open chose the highlighted option and kept the caret there (antd prevents the
 *   browser's Tab): typing went into the search again. Tab now still chooses what is highlighted (as a combobox
 *   should) and then moves on to the next field, Shift+Tab to the previous one.
 * - The clear buttons (×) of Select, AutoComplete, Input and DatePicker are real <button>s: a Tab after choosing a
 *   village landed on the select's hidden clear button (aria-label "Clear"), typing then reopened the search and the
 *   next Tab fell into 在全国范围查找. They leave the Tab order here (a mouse still clicks them) and read 清除; a
 *   single select is cleared from the keyboard with Delete, or Backspace when nothing is typed in it.
 * - Fixed English labels antd does not take from the locale (Increase Value, Select all, Select row 3 …) read Chinese.
 * - Icons carry their English file name as aria-label (close-circle, down, reload): inside a control that has text
 *   of its own they are decoration and are hidden from screen readers; an icon that is the control's only content is
 *   named in Chinese.
 *
 * Done on the DOM, once for the whole window, because the same components are used on every screen: a
 * MutationObserver mends each element as React mounts it. React does not rewrite an attribute whose prop did not
 * change, so a mended element stays mended.
 */

/** Buttons that only clear a field: out of the Tab order, named 清除. */
const CLEAR_BUTTONS = '.ant-select-clear, .ant-input-clear-icon, .ant-picker-clear, .ant-cascader-picker-clear';

/** antd's fixed English labels → Chinese. */
const LABELS: Record<string, string> = {
  Clear: '清除',
  'Clear color': '清除颜色',
  Close: '关闭',
  'Increase Value': '增加',
  'Decrease Value': '减少',
  'Select all': '全选',
  'Custom selection': '选择',
  'Toggle start panel': '展开或收起',
  'Toggle end panel': '展开或收起',
};
const ROW_LABEL = /^Select row (\d+)$/;

/** Icon names (antd's aria-label) → Chinese, for an icon that is all a button shows. */
export const ICON_NAMES: Record<string, string> = {
  close: '关闭',
  'close-circle': '清除',
  search: '查找',
  reload: '刷新',
  sync: '同步',
  delete: '删除',
  edit: '编辑',
  plus: '添加',
  minus: '减少',
  left: '上一页',
  right: '下一页',
  'double-left': '向前',
  'double-right': '向后',
  up: '收起',
  down: '展开',
  'caret-up': '升序',
  'caret-down': '降序',
  filter: '筛选',
  ellipsis: '更多',
  'question-circle': '说明',
  'info-circle': '提示',
  'exclamation-circle': '注意',
  'check-circle': '完成',
  check: '已选',
  loading: '正在处理',
  eye: '显示',
  'eye-invisible': '隐藏',
  copy: '复制',
  download: '下载',
  upload: '上传',
  printer: '打印',
  save: '保存',
  setting: '设置',
  user: '用户',
  logout: '退出',
  lock: '锁定',
  global: '全国',
  calendar: '日期',
  'swap-right': '至',
  holder: '拖动',
  'menu-fold': '收起菜单',
  'menu-unfold': '展开菜单',
  'file-pdf': 'PDF 文件',
  'file-excel': '表格文件',
};

/** An antd icon name such as close-circle: lower-case words joined by hyphens. */
const ICON_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The Chinese for one of antd's English labels, or null when the label is not one of them. */
export function chineseLabel(label: string): string | null {
  if (label in LABELS) return LABELS[label]!;
  const row = ROW_LABEL.exec(label);
  return row ? `选择第 ${row[1]} 行` : null;
}

function mendIcon(icon: Element): void {
  const name = icon.getAttribute('aria-label');
  if (!name || !ICON_NAME.test(name)) return;
  const control = icon.closest('button, a, [role="button"], [role="tab"], [role="menuitem"], li');
  // Text next to the icon, or a name on the control itself: the icon is decoration.
  const ownText = control ? (control.textContent ?? '').trim() !== '' || control.hasAttribute('aria-label') || control.hasAttribute('title') : true;
  if (ownText || !ICON_NAMES[name]) {
    icon.removeAttribute('aria-label');
    icon.setAttribute('aria-hidden', 'true');
  } else {
    icon.setAttribute('aria-label', ICON_NAMES[name]);
  }
}

function mend(el: Element): void {
  if (el.matches(CLEAR_BUTTONS)) {
    if (el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1');
    if (el.getAttribute('aria-label') !== '清除') el.setAttribute('aria-label', '清除');
  }
  const label = el.getAttribute('aria-label');
  if (label) {
    const zh = chineseLabel(label);
    if (zh) el.setAttribute('aria-label', zh);
    else if (el.classList.contains('anticon')) mendIcon(el);
  }
}

function mendTree(root: Element): void {
  mend(root);
  for (const el of Array.from(root.querySelectorAll(`${CLEAR_BUTTONS}, [aria-label]`))) mend(el);
}

/** Delete, or Backspace with nothing typed, clears a single select that offers clearing (its button is no Tab stop). */
function onKeyDown(e: KeyboardEvent): void {
  if (e.key !== 'Delete' && e.key !== 'Backspace') return;
  if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
  const input = e.target;
  if (!(input instanceof HTMLInputElement) || input.value !== '') return;
  const select = input.closest('.ant-select');
  if (!select || select.classList.contains('ant-select-multiple') || select.classList.contains('ant-select-auto-complete')) return;
  const clear = select.querySelector<HTMLButtonElement>('.ant-select-clear');
  if (!clear) return;
  e.preventDefault();
  clear.click();
}

const TABBABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]';

/** The field Tab (or Shift+Tab) would reach from `from`, inside the same dialog or drawer if there is one. */
export function nextTabStop(from: Element, back: boolean): HTMLElement | null {
  const scope = from.closest('[role="dialog"]') ?? from.ownerDocument.body;
  const stops = Array.from(scope.querySelectorAll<HTMLElement>(TABBABLE)).filter((el) => (el === from || el.tabIndex >= 0) && el.getClientRects().length > 0);
  const at = stops.indexOf(from as HTMLElement);
  if (at < 0) return null;
  return stops[back ? at - 1 : at + 1] ?? null;
}

/** The select input a Tab was pressed in while its list was open (antd will keep the caret there). */
let tabInOpenSelect: HTMLElement | null = null;

function onTabCapture(e: KeyboardEvent): void {
  tabInOpenSelect = null;
  if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
  const input = e.target;
  if (input instanceof HTMLInputElement && input.closest('.ant-select') && input.getAttribute('aria-expanded') === 'true') tabInOpenSelect = input;
}

function onTabBubble(e: KeyboardEvent): void {
  const input = tabInOpenSelect;
  tabInOpenSelect = null;
  if (!input || e.key !== 'Tab' || !e.defaultPrevented || e.target !== input) return;
  nextTabStop(input, e.shiftKey)?.focus();
}

let installed = false;

/** Starts mending the whole document; call once, before the first render. */
export function installAntdPatches(doc: Document = document): void {
  if (installed) return;
  installed = true;
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element) mend(r.target);
        continue;
      }
      for (const n of Array.from(r.addedNodes)) if (n instanceof Element) mendTree(n);
    }
  });
  observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  mendTree(doc.documentElement);
  doc.addEventListener('keydown', onKeyDown);
  // Capture sees the list still open before antd closes it; bubble (after React's handlers) sees whether antd kept Tab.
  doc.addEventListener('keydown', onTabCapture, true);
  doc.addEventListener('keydown', onTabBubble);
}
