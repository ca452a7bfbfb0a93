// Suggestions as the citizen types: fills the search box's <datalist> from /api/v1/procedures/suggest.
// Without JavaScript the form still works; with it, a native datalist keeps it accessible.
(function () {
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null, last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      fetch(input.dataset.suggest + "?limit=8&q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (body) {
          var items = Array.isArray(body) ? body : (body.items || []);
          list.textContent = "";
          items.forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.name;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
