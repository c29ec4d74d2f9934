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
 *    together ("2023年“某某好人”" for `2023 好人`), then pages holding every word anywhere;
 *    within each, more words in the title first, then (below the titles) shorter pages, then
 *    Material's score.
 *
 * Nothing here is evaluated from text, and nothing is loaded from anywhere else.
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
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var MARKUP = /<[^>]*>/g;
  var OPERATOR = /^[+\-]|[:~^*"]/;      // lunr query syntax: such a part is handed over untouched
  var lunr = scope.lunr;
  var index = null;                     // the lunr.Index Material builds
  var docs = new Map();                 // location -> search document
  var plain = new Map();                // location -> {title, text} normalised, made when first needed
  var separator = /[\s\u200b]+/;
  var separators = /[\s\u200b]+/g;
  var pending = [];                     // plans of queries sent to Material, oldest first

  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var built = build.apply(this, arguments);
    index = built;
    /* Material segments Chinese runs by asking `word in invertedIndex`; answering no keeps each
       run of our query whole (lunr itself only reads postings by key) */
    built.invertedIndex = new Proxy(built.invertedIndex, { has: function () { return false; } });
    return built;
  };

  function normal(value) {
    return String(value || "").replace(MARKUP, "").replace(separators, "").toLowerCase();
  }

  function setup(data) {
    separator = new RegExp(data.config.separator);
    separators = new RegExp(data.config.separator, "g");
    docs = new Map();
    plain = new Map();
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
      node = index.tokenSet;
      for (j = i; j < n; j++) {
        node = node.edges[piece.charAt(j)];
        if (!node) break;
        cost = node.final ? 1 : (j + 1 === n ? 1.5 : Infinity);
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

  scope.addEventListener = kept.add;
  kept.add.call(scope, "message", function (ev) {
    var message = ev.data;
    if (message && message.type === SETUP)
      setup(message.data);
    if (message && message.type === QUERY) {
      var p = null;
      try { p = plan(message.data); } catch (err) { console.warn(err); }
      pending.push(p);
      if (p) message = { type: QUERY, data: p.query };
    }
    kept.listeners.forEach(function (fn) { fn.call(scope, { data: message }); });
  });
  scope.postMessage = function (message) {
    if (message && message.type === RESULT) {
      var p = pending.shift();
      try { message = { type: RESULT, data: rank(message.data, p) }; } catch (err) { console.warn(err); }
    }
    return kept.post.apply(scope, arguments.length > 1 ? [message].concat([].slice.call(arguments, 1)) : [message]);
  };
})(self, wmSearch);
