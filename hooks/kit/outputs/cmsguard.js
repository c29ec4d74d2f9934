// The last check before a save writes anything (served as /admin/guard.js): every field's rule
// from config.yml (required, and the patterns kit/data/patterns.py made) run again on the whole
// entry as it is about to be saved. Decap checks each field as it shows it, but in 3.16.3 a list
// inside a list is checked unreliably (with a new honoree that has an honour, another honoree's
// unknown award passed; a mended value kept its red message): such fields' rules are only here.
// A save with a problem is stopped here (Decap's preSave event), so
// nothing is written, the problems are listed with where they are, and each message stands beside its field.

// a required field's label ends with （必填） (kit/outputs/cms.py REQUIRED); a message names the field without it
const bare = label => String(label).replace(/（必填）$/, '');
const empty = v => v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);

function name(item, i) {
  // an item of a list, as the editor knows it: 第 2 项（钱兰）
  const own = item && typeof item === 'object' ? item.name || item.title || item.id || item.award : item;
  return `第 ${i + 1} 项${own ? `（${own}）` : ''}`;
}

// every problem of an entry as the editor reads it ("身边好人 › 第 1 项（钱兰） › 简介：…"); `marks`,
// when given, also gets each one's place in the data ({path: ['honorees', 0, 'summary'], message})
export function problems(fields, value, where = [], marks = [], path = []) {
  const out = [];
  for (const f of fields || []) {
    const v = value ? value[f.name] : undefined;
    const label = bare(f.label || f.name);
    const here = [...where, label];
    const at = [...path, f.name];
    const say = message => {
      out.push(`${here.join(' › ')}：${message}`);
      marks.push({path: at, message});
    };
    const rule = f.pattern || f.wenming_rule;      // the latter: inside two lists (kit/outputs/cmsrules.py)
    if (empty(v)) {
      if (f.required !== false && !['boolean', 'list', 'object'].includes(f.widget)) say(`“${label}”是必填项`);
      if (f.widget === 'list' && f.min && f.required !== false) say(`至少要有 ${f.min} 项`);
      continue;
    }
    if (f.widget === 'list' && Array.isArray(v)) {
      if (f.min && v.length < f.min) say(`至少要有 ${f.min} 项`);
      v.forEach((item, i) => {
        if (f.fields) out.push(...problems(f.fields, item, [...here, name(item, i)], marks, [...at, i]));
        else if (f.field) out.push(...problems([{...f.field, name: 0, label: name(item, i)}], [item], here, marks, [...at, i]));
      });
    } else if (f.widget === 'object') {
      out.push(...problems(f.fields, v, here, marks, at));
    } else if (typeof v === 'string' && rule && !RegExp(rule[0]).test(v)) {
      say(rule[1]);
    }
  }
  return out;
}

// ---- the message beside its field, in Decap's form -------------------------------------------
// Decap 3.16.3 gives each field a ControlContainer whose label is `<label for="<name>-field-<n>">`
// and each list item a SortableListItem (class names css-<hash>-<Component>, stable within the
// pinned version, as admin.css relies on). A place in the data is found by walking those: a
// field's container among the current item's own (not a nested list's), then the list's i-th own
// item. A collapsed item is opened. The message stands in the field's top bar, where Decap puts
// its own, and goes when the field is touched or the next save is checked.
const CONTAINER = '[class*="-ControlContainer"]';
const ITEM = '[class*="-SortableListItem"]';
const OWNER = `${CONTAINER}, ${ITEM}`;

function own(scope, elements) {
  // the elements whose nearest container or item (above their own container) is `scope`
  return elements.filter(e => (e.parentElement?.closest(OWNER) || document) === scope);
}

export function place(path) {
  let scope = document, found = null;
  for (const step of path) {
    if (typeof step === 'number') {
      const items = own(scope, [...scope.querySelectorAll(ITEM)]);
      if (!items[step]) break;
      scope = found = items[step];
      const body = scope.lastElementChild;         // the item's fields, display: none while it is collapsed
      if (body && getComputedStyle(body).display === 'none') scope.querySelector('button')?.click();
    } else {
      const labels = [...scope.querySelectorAll(`label[for^="${step}-field-"]`)].map(l => l.closest(CONTAINER));
      const [container] = own(scope, labels.filter(Boolean));
      if (!container) break;
      scope = found = container;
    }
  }
  return found;
}

export function clearMarks(root = document) {
  for (const e of root.querySelectorAll('.wenming-field-error')) e.remove();
  for (const e of root.querySelectorAll('.wenming-refused')) e.classList.remove('wenming-refused');
}

export function markFields(marks, root = document) {
  clearMarks(root);
  let first = null;
  for (const {path, message} of marks) {
    const container = place(path);
    if (!container) continue;
    const bar = container.matches(CONTAINER) ? container.firstElementChild : container;
    const note = document.createElement('span');
    note.className = 'wenming-field-error';
    note.setAttribute('role', 'alert');
    note.textContent = message;
    bar.appendChild(note);
    container.classList.add('wenming-refused');
    const done = () => { note.remove(); container.classList.remove('wenming-refused'); };
    for (const type of ['input', 'change', 'mousedown', 'touchstart']) container.addEventListener(type, done, {once: true});
    first = first || container;
  }
  if (first) setTimeout(() => first.scrollIntoView({block: 'center'}), 100);     // after the items opened
}

export function fieldsOf(config, collectionName, slug) {
  const c = (config.collections || []).find(x => x.name === collectionName);
  if (!c) return null;
  return c.files ? ((c.files.find(f => f.name === slug) || {}).fields || null) : c.fields;
}

// Decap's preSave handler: throws (so Decap writes nothing and says 没有保存) when a rule fails
export function guard(config, show) {
  return ({entry}) => {
    const fields = fieldsOf(config, entry.get('collection'), entry.get('slug'));
    if (!fields) return undefined;
    const marks = [];
    const found = problems(fields, entry.get('data').toJS(), [], marks);
    if (typeof document !== 'undefined') markFields(marks);
    if (!found.length) return undefined;
    show({state: 'refused', lines: found.slice(0, 30),
      text: `没有保存：有 ${found.length} 处不符合网站的规则，请按下面的提示改正后再发布。`});
    const error = new Error(`有 ${found.length} 处不符合网站的规则（见页面下方）。第一处：${found[0]}`);
    error.name = '';
    throw error;
  };
}
