// The last check before a save writes anything (served as /admin/guard.js): every field's rule
// from config.yml (required, and the patterns kit/data/patterns.py made) run again on the whole
// entry as it is about to be saved. Decap checks each field as it shows it, but in 3.16.3 a list
// inside a list is checked unreliably (with a new honoree that has an honour, another honoree's
// unknown award passed; a mended value kept its red message): such fields' rules are only here. A save with a problem is stopped here (Decap's preSave event), so
// nothing is written, and the problems are listed with where they are.

// a required field's label ends with （必填） (kit/outputs/cms.py REQUIRED); a message names the field without it
const bare = label => String(label).replace(/（必填）$/, '');
const empty = v => v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);

function name(item, i) {
  // an item of a list, as the editor knows it: 第 2 项（钱兰）
  const own = item && typeof item === 'object' ? item.name || item.title || item.id || item.award : item;
  return `第 ${i + 1} 项${own ? `（${own}）` : ''}`;
}

export function problems(fields, value, where = []) {
  const out = [];
  for (const f of fields || []) {
    const v = value ? value[f.name] : undefined;
    const label = bare(f.label || f.name);
    const here = [...where, label];
    const say = message => out.push(`${here.join(' › ')}：${message}`);
    const rule = f.pattern || f.wenming_rule;      // the latter: inside two lists (kit/outputs/cmsrules.py)
    if (empty(v)) {
      if (f.required !== false && !['boolean', 'list', 'object'].includes(f.widget)) say(`“${label}”是必填项`);
      if (f.widget === 'list' && f.min && f.required !== false) say(`至少要有 ${f.min} 项`);
      continue;
    }
    if (f.widget === 'list' && Array.isArray(v)) {
      if (f.min && v.length < f.min) say(`至少要有 ${f.min} 项`);
      v.forEach((item, i) => {
        if (f.fields) out.push(...problems(f.fields, item, [...here, name(item, i)]));
        else if (f.field) out.push(...problems([{...f.field, name: 0, label: name(item, i)}], [item], here));
      });
    } else if (f.widget === 'object') {
      out.push(...problems(f.fields, v, here));
    } else if (typeof v === 'string' && rule && !RegExp(rule[0]).test(v)) {
      say(rule[1]);
    }
  }
  return out;
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
    const found = problems(fields, entry.get('data').toJS());
    if (!found.length) return undefined;
    show({state: 'refused', lines: found.slice(0, 30),
      text: `没有保存：有 ${found.length} 处不符合网站的规则，请按下面的提示改正后再发布。`});
    const error = new Error(`有 ${found.length} 处不符合网站的规则（见页面下方）。第一处：${found[0]}`);
    error.name = '';
    throw error;
  };
}
