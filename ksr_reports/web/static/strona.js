/* The local page's only script – an enhancement: every form works without it.
   - a file field inside [data-drop] also takes files dropped on its area and lists the chosen names;
   - a form marked [data-busy-form] says that it is working once sent;
   - a progress area [data-poll] asks the server for the run's state and reloads when the run has ended. */
(function () {
  "use strict";

  function listChosen(input, list) {
    if (!list) { return; }
    list.textContent = "";
    Array.prototype.forEach.call(input.files || [], function (file) {
      var item = document.createElement("li");
      item.textContent = file.webkitRelativePath || file.name;
      list.appendChild(item);
    });
  }

  function setUpDrop(area) {
    var input = area.querySelector("input[type=file]");
    var list = area.querySelector("[data-chosen]");
    var hint = area.querySelector("[data-drop-hint]");
    if (!input) { return; }
    if (hint) { hint.hidden = false; }
    input.addEventListener("change", function () { listChosen(input, list); });
    ["dragenter", "dragover"].forEach(function (name) {
      area.addEventListener(name, function (event) {
        event.preventDefault();
        area.classList.add("over");
      });
    });
    ["dragleave", "dragend"].forEach(function (name) {
      area.addEventListener(name, function () { area.classList.remove("over"); });
    });
    area.addEventListener("drop", function (event) {
      event.preventDefault();
      area.classList.remove("over");
      if (event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        listChosen(input, list);
        input.focus();
      }
    });
  }

  function overLimit(form) {
    var bytes = 0, count = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) {
        var name = file.name.toLowerCase();
        if (file.webkitRelativePath && (name.slice(0, 2) === "~$" || name.charAt(0) === ".")) { return; }  // as the server
        bytes += file.size;
        count += 1;
      });
    });
    return bytes > Number(form.getAttribute("data-max-bytes") || Infinity) ||
      count > Number(form.getAttribute("data-max-files") || Infinity);
  }

  function setUpBusy(form) {
    form.addEventListener("submit", function (event) {
      var alert = form.querySelector("[data-limit-alert]");
      if (alert && overLimit(form)) {      // the server would refuse it after the whole upload: say so now
        event.preventDefault();
        alert.textContent = "";
        var line = document.createElement("p"), word = document.createElement("strong");
        word.textContent = "Błąd:";
        line.appendChild(word);
        line.appendChild(document.createTextNode(" " + form.getAttribute("data-too-large")));
        alert.appendChild(line);
        alert.hidden = false;
        return;
      }
      if (alert) { alert.hidden = true; }
      var busy = form.querySelector("[data-busy]");
      if (busy) { busy.hidden = false; }
      window.setTimeout(function () {   // after the browser has taken the form's data
        Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = true; });
      }, 0);
    });
  }

  function setUpPoll(area) {
    var url = area.getAttribute("data-poll");
    var text = area.querySelector("[data-progress-text]");
    var bar = area.querySelector("[data-progress-bar]");
    function ask() {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (!state) { window.setTimeout(ask, 3000); return; }
          if (state.state === "done" || state.state === "failed") { window.location.reload(); return; }
          if (text && state.text && text.textContent !== state.text) { text.textContent = state.text; }
          if (bar && state.total) { bar.max = state.total; bar.value = state.done; }
          window.setTimeout(ask, 1000);
        })
        .catch(function () { window.setTimeout(ask, 3000); });
    }
    window.setTimeout(ask, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-drop]"), setUpDrop);
    Array.prototype.forEach.call(document.querySelectorAll("[data-busy-form]"), setUpBusy);
    Array.prototype.forEach.call(document.querySelectorAll("[data-poll]"), setUpPoll);
    // a refused form: the error gets the focus, so a screen reader reads it first
    var error = document.querySelector("[data-focus-error]");
    if (error) { error.focus(); }
  });
}());
