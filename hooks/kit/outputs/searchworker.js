/* Search that finds what a reader types.
 *
 * hooks/searchworker.py writes this file around Material's own search worker, as one file served
 * from the site (assets/javascripts/workers/wm-<hash>-search.<material hash>.min.js): the part
 * before the mark runs first and keeps Material's message listener; the part after it runs
 * once Material's code has set up lunr. Then every query is
 *
 * 1. segmented here, with the index's own words: each piece of the query (split on the search
 *    separator) is cut into the fewest words of lunr's token set, the last of which may be the
 *    beginning of a word ("王建" finds 王建国). Material's own segmenter, which never looks at a
 *    run's last character, is switched off, so these words reach lunr as they are;
 * 2. searched by Material as before (every word a prefix, any word may match), with one-character
 *    words left out when longer ones are there (they still count for ranking below);
 * 3. ranked again: a title equal to the query first, then titles holding the whole query, then
 *    titles holding every word (a year, a town, a topic), then pages holding every word close
 *    together (a 2023 list of 好人 for `2023 好人`), then pages holding every word anywhere;
 *    within each, more words in the title first, then (below the titles) shorter pages, then
 *    Material's score.
 *
 * A large site's index comes in shards (hooks/kit/outputs/searchshards.py): the first file holds
 * no documents, only, in `config.wm`, how the pages ("units") are split. Then each query first
 * fetches the term shards of its characters (the words it is segmented with), picks the `top`
 * pages that hold the most query words (in a title first), fetches their documents, and has
 * Material build lunr anew on them before it searches.
 *
 * Nothing here is evaluated from text, and nothing is loaded from anywhere else than the site's
 * own search folder.
 */
var wmSearch = (function (scope) {
  var kept = { listeners: [], add: scope.addEventListener, post: scope.postMessage };
  scope.addEventListener = function (type, fn) {
    if (type === "message")
      kept.listeners.push(fn);
    else
      kept.add.apply(scope, arguments);
  };
  return kept;
})(self);

/* ---- Material's search worker goes here ---- */

(function (scope, kept) {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MARKUP = /<[^>]*>/g;
  var OPERATOR = /^[+\-]|[:~^*"]/;      // lunr query syntax: such a part is handed over untouched
  var lunr = scope.lunr;
  var index = null;                     // the lunr.Index Material builds
  var docs = new Map();                 // location -> search document
  var plain = new Map();                // location -> {title, text} normalised, made when first needed
  var separator = /[\s\u200b]+/;
  var separators = /[\s\u200b]+/g;
  var pending = [];                     // plans of queries sent to Material, oldest first
  var tokens = null;                    // lunr's token set of the page's own index
  var wm = null;                        // how the pages are sharded (config.wm), or null
  var base = null;                      // the page's SETUP data (config, documents if not sharded)
  var terms = new Map();                // term shard number -> {word: postings}
  var vocab = new Set(), prefixes = new Set();   // the loaded shards' words and their beginnings
  var chunks = new Map();               // document chunk number -> promise of its documents
  var readies = [];                     // our SETUPs waiting for Material's READY
  var lastSet = "";                     // the pages lunr was last built on
  var queue = Promise.resolve();        // queries of a sharded index, one after another
  var baseReady = null, baseBuilt = Promise.resolve();   // Material's READY for the page's SETUP

  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var built = build.apply(this, arguments);
    index = built;
    if (!tokens) tokens = built.tokenSet;
    /* Material segments Chinese runs by asking `word in invertedIndex`; answering no keeps each
       run of our query whole (lunr itself only reads postings by key) */
    built.invertedIndex = new Proxy(built.invertedIndex, { has: function () { return false; } });
    return built;
  };

  function normal(value) {
    return String(value || "").replace(MARKUP, "").replace(separators, "").toLowerCase();
  }

  function setup(data, ours) {
    if (!ours) {
      separator = new RegExp(data.config.separator);
      separators = new RegExp(data.config.separator, "g");
      docs = new Map();
      plain = new Map();
      tokens = null;
      wm = data.config.wm || null;
      base = data;
      lastSet = "";
      baseBuilt = new Promise(function (resolve) { baseReady = resolve; });
    }
    data.docs.forEach(function (doc) { docs.set(doc.location, doc); });
  }

  function entry(location) {
    var e = plain.get(location);
    if (!e) {
      var doc = docs.get(location) || {};
      e = { title: normal(doc.title), text: normal(doc.text) };
      plain.set(location, e);
    }
    return e;
  }

  /* The fewest index words that make up `piece`; the last may be a word's beginning (cost 1.5),
     a character no index word has there stands alone (cost 3). */
  function segment(piece) {
    var n = piece.length, best = [0], from = [0], i, j, node, cost;
    for (i = 1; i <= n; i++) best[i] = Infinity;
    for (i = 0; i < n; i++) {
      if (best[i] === Infinity) continue;
      if (best[i] + 3 < best[i + 1]) { best[i + 1] = best[i] + 3; from[i + 1] = i; }
      node = tokens;
      for (j = i; j < n; j++) {
        node = node && node.edges[piece.charAt(j)];
        var part = piece.slice(i, j + 1), whole = (node && node.final) || vocab.has(part);
        if (!node && !prefixes.has(part)) break;
        cost = whole ? 1 : (j + 1 === n ? 1.5 : Infinity);
        if (best[i] + cost < best[j + 1]) { best[j + 1] = best[i] + cost; from[j + 1] = i; }
      }
    }
    var words = [];
    for (j = n; j > 0; j = from[j]) words.unshift(piece.slice(from[j], j));
    return words;
  }

  function plan(query) {
    var words = [], untouched = [];
    String(query).trim().split(/\s+/).forEach(function (part) {
      if (!part) return;
      if (!index || OPERATOR.test(part)) {
        untouched.push(part);
        part.split(separator).forEach(function (w) { w = normal(w); if (w) words.push(w); });
        return;
      }
      part.toLowerCase().split(separator).forEach(function (piece) {
        if (piece) words.push.apply(words, segment(piece));
      });
    });
    words = words.filter(function (w, k) { return words.indexOf(w) === k; });
    var long = words.filter(function (w) { return w.length > 1; });
    var asked = untouched.concat(long.length ? long : words);
    return { query: asked.length ? asked.join(" ") : String(query), whole: normal(query), words: words };
  }

  function has(text, word) { return text.indexOf(word) >= 0; }

  /* every word within `span` characters of an occurrence of the first ("2023年好人") */
  function near(text, words, span) {
    var first = words[0];
    for (var at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      var low = Math.max(0, at - span), high = at + first.length + span;
      if (words.every(function (w) { var k = text.indexOf(w, low); return k >= 0 && k + w.length <= high; }))
        return true;
    }
    return false;
  }

  /* 0 title is the query, 1 title holds the query, 2 title holds every word, 3 the page holds
     every word close together, 4 the page holds every word, 5 the rest */
  function tier(title, text, p) {
    if (title === p.whole) return 0;
    if (p.whole && has(title, p.whole)) return 1;
    if (p.words.every(function (w) { return has(title, w); })) return 2;
    var page = title + "\u0000" + text;
    if (!p.words.every(function (w) { return has(page, w); })) return 5;
    return near(page, p.words, p.whole.length + 4) ? 3 : 4;
  }

  function rank(result, p) {
    if (!p || !result || !result.items || !p.words.length) return result;
    var ranked = result.items.map(function (group, at) {
      var best = 5, inTitle = 0, length = 0;
      group.forEach(function (item) {
        var e = entry(item.location);
        best = Math.min(best, tier(e.title, e.text, p));
        inTitle = Math.max(inTitle, p.words.filter(function (w) { return has(e.title, w); }).length);
        length += e.text.length;
      });
      return { group: group, tier: best, inTitle: inTitle, length: length, score: group[0].score, at: at };
    });
    /* below the titles, a short page holding the words is more about them than a long one that
       holds every word of the site (the site map, the editors' guide) */
    ranked.sort(function (a, b) {
      return a.tier - b.tier || b.inTitle - a.inTitle || (a.tier > 2 ? a.length - b.length : 0)
        || b.score - a.score || a.at - b.at;
    });
    result.items = ranked.map(function (r) { return r.group; });
    return result;
  }

  /* -- a sharded index ---------------------------------------------------------------------- */

  function fetchJSON(path) {
    return fetch(new URL("../../../search/" + path, scope.location.href)).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }

  function shardOf(text) { return text.codePointAt(0) % wm.terms; }

  /* the term shards of every character of the query */
  function loadTerms(query) {
    var wanted = [];
    Array.from(String(query).toLowerCase().replace(separators, "")).forEach(function (c) {
      var k = shardOf(c);
      if (!terms.has(k) && wanted.indexOf(k) < 0) wanted.push(k);
    });
    return Promise.all(wanted.map(function (k) {
      return fetchJSON("terms/" + k + ".json").catch(function () { return {}; }).then(function (shard) {
        terms.set(k, shard);
        Object.keys(shard).forEach(function (w) {
          vocab.add(w);
          for (var e = 1; e <= w.length; e++) prefixes.add(w.slice(0, e));
        });
      });
    }));
  }

  /* page number -> 2 if a word beginning with `w` is in a title of it, 1 if only in a text */
  function holding(w) {
    var out = new Map(), shard = terms.get(shardOf(w)) || {};
    Object.keys(shard).forEach(function (t) {
      if (t.lastIndexOf(w, 0) !== 0) return;
      var number = -1;
      shard[t].forEach(function (step) {
        number += step >> 1;
        out.set(number, Math.max(out.get(number) || 0, (step & 1) + 1));
      });
    });
    return out;
  }

  /* the `top` pages holding the most of the query's words, in a title first; a page must hold a
     word lunr is asked for */
  function pick(p) {
    /* a word of lunr's query syntax counts as its bare word (`+王` `王~1` `title:王`) */
    var words = p.words.map(function (w) {
      return w.replace(/^[a-z]+:/, "").replace(/^\+/, "").replace(/[~^][0-9]*$/, "").replace(/\*+$/, "");
    }).filter(function (w, k, all) { return w && all.indexOf(w) === k; });
    var asked = words.filter(function (w) { return w.length > 1; });
    if (!asked.length) asked = words;
    var found = new Map();
    words.forEach(function (w) {
      var askedWord = asked.indexOf(w) >= 0;
      holding(w).forEach(function (where, number) {
        var f = found.get(number);
        if (!f) { f = { number: number, any: 0, title: 0, asked: false }; found.set(number, f); }
        f.any += 1;
        f.title += where === 2 ? 1 : 0;
        f.asked = f.asked || askedWord;
      });
    });
    var all = words.length;
    return Array.from(found.values()).filter(function (f) { return f.asked; }).sort(function (a, b) {
      return (b.title === all) - (a.title === all) || (b.any === all) - (a.any === all)
        || b.title - a.title || b.any - a.any || a.number - b.number;
    }).slice(0, wm.top).map(function (f) { return f.number; }).sort(function (a, b) { return a - b; });
  }

  function loadDocs(numbers) {
    var wanted = [];
    numbers.forEach(function (n) {
      var j = Math.floor(n / wm.chunk);
      if (wanted.indexOf(j) < 0) wanted.push(j);
    });
    return Promise.all(wanted.map(function (j) {
      if (!chunks.has(j)) chunks.set(j, fetchJSON("docs/" + j + ".json"));
      return chunks.get(j);
    })).then(function (loaded) {
      return [].concat.apply([], numbers.map(function (n) {
        return loaded[wanted.indexOf(Math.floor(n / wm.chunk))][n % wm.chunk];
      }));
    });
  }

  function deliver(message) {
    kept.listeners.forEach(function (fn) { fn.call(scope, { data: message }); });
  }

  /* Material builds lunr on these pages' documents; resolves at its READY. Its
     language scripts are loaded already: the list of languages it walks to load them is empty
     (the configured language still applies). */
  function rebuild(found) {
    var lang = base.config.lang.slice();
    lang[Symbol.iterator] = function () { return [][Symbol.iterator](); };
    var data = { config: Object.assign({}, base.config, { lang: lang }), docs: found,
                 options: base.options };
    setup(data, true);
    return new Promise(function (resolve) {
      readies.push(resolve);
      deliver({ type: SETUP, data: data });
    });
  }

  function sharded(query) {
    var p = null;
    if (!String(query).trim()) {      // nothing to fetch: answered in turn, even before lunr is built
      pending.push(null);
      deliver({ type: QUERY, data: query });
      return Promise.resolve();
    }
    return Promise.all([baseBuilt, loadTerms(query)]).then(function () {
      p = plan(query);
      var numbers = pick(p), set = numbers.join(",");
      if (set === lastSet) return null;
      lastSet = set;
      return loadDocs(numbers).then(rebuild);
    }).catch(function (err) { console.warn(err); }).then(function () {
      pending.push(p);
      deliver({ type: QUERY, data: p ? p.query : query });
    });
  }

  scope.addEventListener = kept.add;
  kept.add.call(scope, "message", function (ev) {
    var message = ev.data;
    if (message && message.type === SETUP)
      setup(message.data);
    if (message && message.type === QUERY && wm) {
      queue = queue.then(function () { return sharded(message.data); });
      return;
    }
    if (message && message.type === QUERY) {
      var p = null;
      try { p = plan(message.data); } catch (err) { console.warn(err); }
      pending.push(p);
      if (p) message = { type: QUERY, data: p.query };
    }
    deliver(message);
  });
  scope.postMessage = function (message) {
    if (message && message.type === READY && readies.length) {
      readies.shift()();
      return;
    }
    if (message && message.type === READY && baseReady) {
      baseReady();
      baseReady = null;
    }
    if (message && message.type === RESULT) {
      var p = pending.shift();
      try { message = { type: RESULT, data: rank(message.data, p) }; } catch (err) { console.warn(err); }
    }
    return kept.post.apply(scope, arguments.length > 1 ? [message].concat([].slice.call(arguments, 1)) : [message]);
  };
})(self, wmSearch);
