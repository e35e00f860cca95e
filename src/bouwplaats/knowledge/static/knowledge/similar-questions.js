/* SPDX-License-Identifier: EUPL-1.2 */
// Suggest similar questions while the asker types (the form also works without this script:
// the "Check for similar questions" button shows the same list after a round trip).
(function () {
  "use strict";
  var region = document.getElementById("similar-questions");
  var form = document.getElementById("ask-form");
  if (!region || !form || !window.fetch) { return; }
  var title = form.querySelector("[name=title]");
  var body = form.querySelector("[name=body]");
  var timer = null;
  var last = "";
  function lookUp() {
    var text = (title.value + " " + (body ? body.value.slice(0, 300) : "")).trim();
    if (text === last || text.length < 4) { return; }
    last = text;
    fetch(region.dataset.url + "?q=" + encodeURIComponent(text), { headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (text === last) { region.innerHTML = html; } })
      .catch(function () { /* suggestions are a help, not a requirement */ });
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 400);
  }
  title.addEventListener("input", later);
  if (body) { body.addEventListener("input", later); }
}());
