/* Load the search index only when the visitor starts searching.
 * Material requests search/search_index.json while its bundle loads; on a phone that is the
 * largest download of the site. This script (loaded just before the bundle, see
 * overrides/main.html) holds that one request back until the search field is focused or
 * opened, a search shortcut is pressed, or a highlighted search result is opened.
 */
(function () {
  var INDEX = /search\/search_index\.json(\?|$)/;
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

  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.closest && e.target.closest(".md-search")) release();
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) release();
  });
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest("label[for='__search']")) release();
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" || e.key === "s" || e.key === "f" || e.key === "S" || e.key === "F") release();
  }, true);
})();
