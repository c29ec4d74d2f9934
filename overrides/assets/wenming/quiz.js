/* 知识问答：在浏览器里答题、交卷、看得分。不提交到任何服务器，不保存任何信息。
   没有脚本时，每题下面的“查看答案”照样可用。 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-wm-quiz]");
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-answer]"));
  var actions = form.querySelector(".wm-quiz__actions");
  var score = form.querySelector(".wm-quiz__score");

  function reset() {
    questions.forEach(function (q) {
      q.classList.remove("wm-quiz__question--right", "wm-quiz__question--wrong");
      var d = q.querySelector("details");
      d.open = false; d.hidden = true;
      var v = q.querySelector(".wm-quiz__verdict");
      v.hidden = true; v.textContent = "";
    });
    score.textContent = "";
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var right = 0, unanswered = 0;
    questions.forEach(function (q) {
      var picked = q.querySelector("input:checked");
      var ok = picked && picked.value === q.getAttribute("data-answer");
      if (!picked) unanswered++;
      if (ok) right++;
      q.classList.toggle("wm-quiz__question--right", !!ok);
      q.classList.toggle("wm-quiz__question--wrong", !ok);
      var v = q.querySelector(".wm-quiz__verdict");
      v.textContent = ok ? "✔ 回答正确" : picked ? "✘ 回答错误" : "✘ 没有作答";
      v.hidden = false;
      var d = q.querySelector("details");
      d.hidden = false; d.open = !ok;
    });
    score.textContent = "答对 " + right + " 题，共 " + questions.length + " 题" +
      (unanswered ? "（有 " + unanswered + " 题没有作答）" : "") + "。" +
      (right === questions.length ? "全部正确，谢谢您参与文明创建！" : "答错的题目下面有正确答案和说明。");
    score.focus();
  });
  form.addEventListener("reset", function () {
    reset();   /* the browser clears the choices right after this event */
    setTimeout(function () { if (questions[0]) questions[0].querySelector("input").focus(); }, 0);
  });
  score.setAttribute("tabindex", "-1");
  actions.hidden = false;
  reset();
})();
