// The web forms' YAML format ("yml-keep"): a save writes what the editor changed into the file
// as it was read, so nothing the forms do not show is lost. Comments, blank lines, the order of
// keys, flow style ({award: …, status: …}), quoting, block text (story: |) and fields the forms
// do not know all stay; only changed values are written anew. Decap's own YAML format rewrites
// the whole file from the form's values and drops every comment.
//
// How: fromFile hands Decap the values plus the file's text under SOURCE (a key no form shows);
// toFile parses that text again and merges the new values into the parsed document, node by
// node. List items are matched by id, then by equal value, then by position. The result is
// parsed back and must equal the new values exactly; if it does not (a case the merge does not
// know), the values win and the file is written fresh, keeping its opening comment.
//
// keepFormat(YAML, order) takes the `yaml` package (served from /admin/yaml/, pinned in
// package.json) and the forms' field order per path (fieldOrder(config)), so it runs in the
// browser and under Node (tests/outputs/test_admin_keep.py) alike.

export const SOURCE = '__wenming_source';
const OPTIONS = {lineWidth: 0, flowCollectionPadding: false};

export function fieldOrder(config) {
  // "honorees" -> [id, name, …], "honorees.honours" -> [award, status, …]: where new keys go
  const order = {};
  const walk = (fields, path) => {
    for (const f of fields || []) {
      const here = path ? `${path}.${f.name}` : f.name;
      const inner = f.fields || (f.field ? [f.field] : null);
      if (inner) {
        order[here] = order[here] || inner.map(i => i.name);
        walk(inner, here);
      }
    }
  };
  for (const c of config.collections || []) {
    for (const file of c.files || [c]) walk(file.fields, '');
  }
  return order;
}

export function fieldDefaults(config) {
  // "honorees" -> {minor: false, draft: false, …}: switches that are off unless written. An entry
  // that does not have one is not given `minor: false` by a save (its neighbours do not have it)
  const defaults = {};
  const walk = (fields, path) => {
    for (const f of fields || []) {
      const here = path ? `${path}.${f.name}` : f.name;
      if (f.widget === 'boolean' && f.default === false) (defaults[path] = defaults[path] || {})[f.name] = false;
      const inner = f.fields || (f.field ? [f.field] : null);
      if (inner) walk(inner, here);
    }
  };
  for (const c of config.collections || []) {
    for (const file of c.files || [c]) walk(file.fields, '');
  }
  return defaults;
}

const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);

function equal(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
  }
  return false;
}

// Decap leaves an emptied optional field as "" or undefined; neither was in the file
const drop = v => v === undefined;

// The library writes one space before a trailing comment and none after a line's end; a line
// that differs from one of the file's own lines only so is written as the file had it.
const loose = line => line.replace(/[ \t]+#/g, ' #').replace(/[ \t]+$/, '');

export function respace(source, out) {
  const before = source.split('\n');
  const at = new Map();
  before.forEach((line, i) => {
    const key = loose(line);
    if (!at.has(key)) at.set(key, []);
    at.get(key).push(i);
  });
  let j = 0;
  return out.split('\n').map(line => {
    const same = at.get(loose(line)) || [];
    const next = same.find(i => i >= j);
    if (next === undefined) return same.length ? before[same[0]] : line;    // a moved line
    j = next + 1;
    return before[next];
  }).join('\n');
}

export function keepFormat(YAML, order = {}, defaults = {}) {
  let top = [];     // the file's own keys in the forms' order: Decap hands them to each toFile
  const fieldsAt = path => (path === '' ? top : order[path]);
  const carry = (old, made) => {
    if (old && made) {
      for (const k of ['comment', 'commentBefore', 'spaceBefore']) if (old[k] !== undefined) made[k] = old[k];
    }
    return made;
  };

  const ordered = (value, path) => {
    // a new map's keys in the forms' order, keys the forms do not know after them
    const names = fieldsAt(path);
    if (!isObject(value) || !names) return value;
    const out = {};
    for (const k of names) if (k in value) out[k] = value[k];
    for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
    return out;
  };

  // a switch left off, or a choice cleared (Decap's select gives null), that the file does not
  // have: not written
  const unset = (path, key, v) => v === null || (v === false && (defaults[path] || {})[key] === false);
  const bare = (value, path) => {
    if (Array.isArray(value)) return value.map(v => bare(v, path));
    if (!isObject(value)) return value;
    const out = {};
    for (const [k, v] of Object.entries(value)) if (!unset(path, k, v)) out[k] = bare(v, path ? `${path}.${k}` : k);
    return out;
  };

  const fresh = (doc, value, path, like) => {
    const node = doc.createNode(sorted(value, path));
    style(node, like);
    return node;
  };

  const sorted = (value, path) => {
    if (Array.isArray(value)) return value.map(v => sorted(v, path));
    if (!isObject(value)) return value;
    const out = ordered(value, path);
    for (const k of Object.keys(out)) {
      if (unset(path, k, out[k])) delete out[k];
      else out[k] = sorted(out[k], path ? `${path}.${k}` : k);
    }
    return out;
  };

  const style = (node, like) => {
    // multi-line text as a block (|); a new list item written like its neighbours ({…} or not)
    YAML.visit(node, {Scalar(_, s) {
      if (typeof s.value === 'string' && s.value.includes('\n')) s.type = YAML.Scalar.BLOCK_LITERAL;
    }});
    if (like && like.length && YAML.isMap(node) && like.every(n => YAML.isMap(n) && n.flow)) node.flow = true;
  };

  const idOf = node => (YAML.isMap(node) ? node.get('id') : undefined);

  const pick = (olds, used, value, i, ids) => {
    const free = n => !used.has(n);
    if (isObject(value) && typeof value.id === 'string') {
      const same = olds.find(n => free(n) && idOf(n) === value.id);
      if (same) return same;
    }
    const equalOne = olds.find(n => free(n) && equal(n.toJSON(), value));
    if (equalOne) return equalOne;
    const there = olds[i];
    const kindOk = there && (isObject(value) ? YAML.isMap(there) : Array.isArray(value) ? YAML.isSeq(there) : YAML.isScalar(there));
    return there && free(there) && kindOk && !ids.has(idOf(there)) ? there : null;
  };

  const merge = (doc, node, value, path) => {
    if (isObject(value) && YAML.isMap(node)) {
      const seen = new Set();
      node.items = node.items.filter(pair => {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (!(key in value) || drop(value[key])) return false;
        seen.add(key);
        pair.value = merge(doc, pair.value, value[key], path ? `${path}.${key}` : key);
        return true;
      });
      for (const [key, v] of Object.entries(ordered(value, path))) {
        if (!seen.has(key) && !drop(v) && !unset(path, key, v)) {
          const here = path ? `${path}.${key}` : key;
          const pair = doc.createPair(key, sorted(v, here));
          style(pair.value);
          insert(node, pair, key, fieldsAt(path));
        }
      }
      return node;
    }
    if (Array.isArray(value) && YAML.isSeq(node)) {
      const olds = node.items.slice();
      // `honorees: []` getting its first entries: written as a block list, not on one line
      if (node.flow && !olds.length && value.some(v => isObject(v) || Array.isArray(v))) node.flow = false;
      const used = new Set();
      const ids = new Set(value.filter(v => isObject(v) && typeof v.id === 'string').map(v => v.id));
      node.items = value.map((v, i) => {
        const old = pick(olds, used, v, i, ids);
        if (old) {
          used.add(old);
          return merge(doc, old, v, path);
        }
        return fresh(doc, v, path, olds);
      });
      return node;
    }
    if (YAML.isScalar(node) && !isObject(value) && !Array.isArray(value)) {
      if (node.value === value) return node;
      const made = doc.createNode(value);
      if (typeof value === 'string' && value.includes('\n')) made.type = YAML.Scalar.BLOCK_LITERAL;
      else if (typeof value === 'string' && [YAML.Scalar.QUOTE_DOUBLE, YAML.Scalar.QUOTE_SINGLE].includes(node.type)) made.type = node.type;
      return carry(node, made);
    }
    return carry(node, fresh(doc, value, path));
  };

  const insert = (map, pair, key, names) => {
    // after the nearest key that comes before it in the forms' order, else at the end
    const at = names ? names.indexOf(key) : -1;
    if (at > 0) {
      for (let j = at - 1; j >= 0; j--) {
        const k = map.items.findIndex(p => String(YAML.isScalar(p.key) ? p.key.value : p.key) === names[j]);
        if (k >= 0) {
          map.items.splice(k + 1, 0, pair);
          return;
        }
      }
    }
    if (at === 0) map.items.unshift(pair);
    else map.items.push(pair);
  };

  const clean = value => {
    if (Array.isArray(value)) return value.map(clean);
    if (!isObject(value)) return value;
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== SOURCE && !drop(v)) out[k] = clean(v);
    return out;
  };

  function fromFile(content) {
    const doc = YAML.parseDocument(content || '');
    if (doc.errors.length) {
      throw new Error('这个文件的 YAML 写法有错误，网页编辑打不开它。请先用 make check 找到并改正：\n'
        + doc.errors.map(e => e.message).join('\n'));
    }
    const data = doc.toJS() ?? {};
    if (isObject(data)) data[SOURCE] = content;
    return data;
  }

  function toFile(data, sortedKeys = []) {
    const raw = isObject(data) ? data[SOURCE] : undefined;
    // a file saved on Windows keeps its byte-order mark and CRLF line ends
    const bom = typeof raw === 'string' && raw.startsWith('\uFEFF');
    const crlf = typeof raw === 'string' && raw.includes('\r\n');
    const source = typeof raw === 'string' ? raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n') : raw;
    const dress = text => (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
    const values = clean(data);
    top = sortedKeys;
    if (typeof source === 'string') {
      const doc = YAML.parseDocument(source);
      if (!doc.errors.length) {
        doc.contents = merge(doc, doc.contents, values, '');
        const out = doc.toString(OPTIONS);
        const meant = bare(values, '');
        if (equal(bare(YAML.parse(out), ''), meant)) {
          // the file's own line spacing, down to the blank lines at its end
          const same = respace(source, out).replace(/\n*$/, source.match(/\n*$/)[0] || '\n');
          return dress(equal(bare(YAML.parse(same), ''), meant) ? same : out);
        }
        console.warn('yml-keep: merge differed from the form values; writing the values fresh');
      }
    }
    const doc = new YAML.Document();
    doc.contents = fresh(doc, values, '');
    if (typeof source === 'string') doc.commentBefore = YAML.parseDocument(source).commentBefore;
    return dress(doc.toString(OPTIONS));
  }

  return {fromFile, toFile};
}
