/* 文明县城创建网站：大字模式、列表筛选、打印海报。无外部依赖，渐进增强。 */
(function () {
  "use strict";
  var html = document.documentElement;
  var KEY = "wm-large";

  /* 大字号、高对比度模式：一键切换，记在 localStorage 里，换页、再访问都保持 */
  function setLarge(on) {
    html.classList.toggle("wm-large", on);
    try { if (on) localStorage.setItem(KEY, "1"); else localStorage.removeItem(KEY); } catch (e) {}
    document.querySelectorAll("[data-wm-large-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.title = on ? "恢复标准字号" : "大字号、高对比度模式";
    });
  }
  document.querySelectorAll("[data-wm-large-toggle]").forEach(function (b) {
    b.addEventListener("click", function () { setLarge(!html.classList.contains("wm-large")); });
  });
  setLarge(html.classList.contains("wm-large"));

  /* 页头的菜单和搜索按钮：真正的按钮（键盘可用），点击时切换 Material 的开关 */
  document.querySelectorAll("[data-wm-toggle]").forEach(function (button) {
    var toggle = document.getElementById(button.getAttribute("data-wm-toggle"));
    if (!toggle) return;
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    button.addEventListener("click", function () { toggle.click(); sync(); });
    toggle.addEventListener("change", sync);
  });

  /* 打印海报 */
  document.querySelectorAll("[data-wm-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  /* 列表页筛选：按名称、年份、类别，不刷新页面。表单在生成网站时已放好、选项已填好，这里只接上事件 */
  var form = document.querySelector("form.wm-filter");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".wm-page--list .wm-card"));
  if (!form || cards.length < 2) return;
  function value(name) { return form.elements[name] ? form.elements[name].value : ""; }

  var count = form.querySelector(".wm-filter__count");
  function apply() {
    var q = value("q").trim(), y = value("year"), k = value("category"), shown = 0;
    cards.forEach(function (c) {
      var text = (c.getAttribute("data-title") || "") + " " + c.textContent;
      var ok = (!q || text.indexOf(q) >= 0) && (!y || c.getAttribute("data-year") === y) &&
        (!k || c.getAttribute("data-category") === k);
      c.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll(".wm-page--list .wm-cards").forEach(function (list) {
      var any = list.querySelector(".wm-card:not([hidden])") !== null;
      list.hidden = !any;
      var head = list.previousElementSibling;
      if (head && /^H[23]$/.test(head.tagName)) head.hidden = !any;
    });
    var filtered = q || y || k;
    document.querySelectorAll(".wm-page--list .wm-award").forEach(function (s) {
      s.hidden = filtered && s.querySelector(".wm-card:not([hidden])") === null;
    });
    count.textContent = filtered ? "找到 " + shown + " 条" : "共 " + cards.length + " 条";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
