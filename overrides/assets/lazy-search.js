/* Load search only when the visitor starts searching.
 * Material requests search/search_index.json while its bundle loads, and starts its search
 * worker at once; on a phone they are the largest downloads of the site. This script (loaded just
 * before the bundle, see overrides/main.html) holds that request back until the search field is
 * focused or opened, a search shortcut is pressed, or a highlighted search result is opened; and
 * the search worker is only started when Material first sends it something (the index, which it
 * sends once loaded).
 *
 * Material reads the search field on `keyup` only. Text that arrives without a key (pasted from a
 * phone's long-press menu, chosen from some Chinese input methods' candidate bars, or typed while
 * the index was still loading) would never be searched; every `input` on the field is therefore
 * followed by a `keyup` of its own, which Material reads like a key.
 */
(function () {
  var INDEX = /search\/search_index\.json(\?|$)/;
  var WORKER = /\/workers\/[^\/]*search\.[0-9a-f]+\.min\.js(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var ready = /[?&]h=/.test(location.search);

  function release() {
    if (ready) return;
    ready = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.wmSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.wmSearchIndex && !ready) {
      waiting.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(xhr, args);
  };

  /* Material's search worker, started at its first message: Material listens to it
     (addEventListener) and posts to it, nothing more */
  var RealWorker = window.Worker;
  if (RealWorker && window.EventTarget && window.MessageEvent) {
    window.Worker = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      var proxy = new EventTarget(), real = null;
      proxy.postMessage = function () {
        if (!real) {
          real = new RealWorker(url, options);
          real.addEventListener("message", function (e) {
            proxy.dispatchEvent(new MessageEvent("message", { data: e.data }));
          });
          real.addEventListener("error", function () { proxy.dispatchEvent(new Event("error")); });
        }
        return real.postMessage.apply(real, arguments);
      };
      proxy.terminate = function () { if (real) real.terminate(); };
      return proxy;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.closest && e.target.closest(".md-search")) release();
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) release();
  });
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest("label[for='__search']")) release();
  }, true);
  document.addEventListener("input", function (e) {
    var field = e.target;
    if (field && field.matches && field.matches("input[data-md-component=search-query]"))
      field.dispatchEvent(new Event("keyup"));
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" || e.key === "s" || e.key === "f" || e.key === "S" || e.key === "F") release();
  }, true);
})();
