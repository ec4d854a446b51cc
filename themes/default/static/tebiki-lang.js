// Root page: send the browser to the language it prefers, once.
// Served as a file (no inline script), so a strict Content-Security-Policy works.
(function () {
  "use strict";
  var links = document.querySelectorAll("a[data-lang]");
  if (!links.length || window.location.hash === "#choose") return;
  var available = {};
  for (var i = 0; i < links.length; i++) available[links[i].getAttribute("data-lang")] = links[i].href;
  var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var j = 0; j < prefs.length; j++) {
    var code = String(prefs[j]).toLowerCase().split("-")[0];
    if (available[code]) {
      window.location.replace(available[code]);
      return;
    }
  }
})();
