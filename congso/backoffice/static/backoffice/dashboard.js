/* Trang điều hành: refresh the panels every minute without reloading the page (no library).
   Without JavaScript the page is complete as served; reloading it shows fresh figures. */
(function () {
  "use strict";
  var root = document.getElementById("ioc");
  var panels = document.getElementById("ioc-panels");
  if (!root || !panels || !window.fetch) return;
  var url = root.getAttribute("data-refresh-url");
  var seconds = parseInt(root.getAttribute("data-refresh-seconds"), 10) || 60;
  var note = root.querySelector(".ioc-stale-note");
  var busy = null;

  function stale(on) {
    if (note) note.hidden = !on;
  }

  function refresh() {
    if (busy) return busy;
    // Tables a reader opened stay open after the swap.
    var open = Array.prototype.map.call(panels.querySelectorAll("details[open][id]"), function (d) { return d.id; });
    busy = fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        // A lapsed session answers with the login page: never paste that into the dashboard.
        if (!response.ok || response.headers.get("X-Congso-Fragment") !== "ioc") throw new Error("stale");
        return response.text();
      })
      .then(function (html) {
        panels.innerHTML = html;
        open.forEach(function (id) {
          var d = document.getElementById(id);
          if (d) d.open = true;
        });
        stale(false);
      })
      .catch(function () { stale(true); })
      .then(function () { busy = null; });
    return busy;
  }

  window.congsoDashboard = { refresh: refresh };
  setInterval(function () { if (!document.hidden) refresh(); }, seconds * 1000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
