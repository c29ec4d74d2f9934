/* 朗读本页：用浏览器自带的语音合成（speechSynthesis）朗读正文，不连接任何其他网站。
   浏览器不支持时按钮保持隐藏。一次读一段，正在读的段落加底色，便于老年读者跟读。 */
(function () {
  "use strict";
  var box = document.querySelector("[data-wm-readaloud]");
  var synth = window.speechSynthesis;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  var play = box.querySelector('[data-wm-read="play"]');
  var stop = box.querySelector('[data-wm-read="stop"]');
  var status = box.querySelector(".wm-readaloud__status");
  var BLOCKS = "h1, h2, h3, p, li, dt, dd, th, td, figcaption, blockquote";
  var SKIP = ".wm-readaloud, .wm-qr, .wm-filter, .wm-back, .wm-noprint, .md-source-file, .wm-updated, nav, form button";
  var queue = [], index = 0, state = "idle", current = null;

  function blocks() {
    var root = document.querySelector(".md-content__inner") || document.body;
    var out = [];
    root.querySelectorAll(BLOCKS).forEach(function (el) {
      if (el.closest(SKIP) || el.hidden || el.closest("[hidden]")) return;
      if (el.querySelector(BLOCKS)) return;      /* read the innermost block once */
      var text = (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
      if (text) out.push({ el: el, text: text });
    });
    return out;
  }
  function voice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) if (/^zh[-_]?CN/i.test(voices[i].lang)) return voices[i];
    for (var j = 0; j < voices.length; j++) if (/^zh/i.test(voices[j].lang)) return voices[j];
    return null;
  }
  function mark(el) {
    if (current) current.classList.remove("wm-reading");
    current = el;
    if (el) {
      el.classList.add("wm-reading");
      if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
    }
  }
  function set(next) {
    state = next;
    play.textContent = next === "speaking" ? "暂停" : next === "paused" ? "继续朗读" : "朗读本页";
    play.setAttribute("aria-pressed", next === "speaking" ? "true" : "false");
    stop.disabled = next === "idle";
    status.textContent = next === "speaking" ? "正在朗读" : next === "paused" ? "已暂停" : "";
    if (next === "idle") mark(null);
  }
  function speak() {
    if (index >= queue.length) { set("idle"); return; }
    var item = queue[index];
    var u = new SpeechSynthesisUtterance(item.text);
    u.lang = "zh-CN";
    var v = voice();
    if (v) u.voice = v;
    u.rate = document.documentElement.classList.contains("wm-large") ? 0.85 : 1;
    u.onend = function () { if (state === "speaking") { index++; speak(); } };
    u.onerror = function () { if (state === "speaking") { index++; speak(); } };
    mark(item.el);
    synth.speak(u);
  }
  play.addEventListener("click", function () {
    if (state === "speaking") { synth.pause(); set("paused"); return; }
    if (state === "paused") { set("speaking"); synth.resume(); return; }
    synth.cancel();
    queue = blocks(); index = 0;
    set("speaking");
    speak();
  });
  stop.addEventListener("click", function () { set("idle"); synth.cancel(); });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  box.hidden = false;
})();
