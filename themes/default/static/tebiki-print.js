// Print support on every page. Served as a file (no inline script), so a
// strict Content-Security-Policy works.
//
// 1. The running header and footer of printed pages are CSS paged-media
//    margin boxes (tebiki-print.css) that show custom properties set here
//    from the page's own head: title, site name, online URL, and the date of
//    printing (today's date, never the build's: the HTML stays the same
//    from build to build).
// 2. The print button of handouts is shown and prints the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = document.documentElement;

  function head(selector, attribute) {
    var el = document.querySelector(selector);
    return el ? el.getAttribute(attribute) || "" : "";
  }

  // A CSS string: quotes and backslashes escaped, line breaks as spaces.
  function cssString(s) {
    return '"' + String(s).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\n\r\f]+/g, " ") + '"';
  }

  function today() {
    var locale = root.lang === "ja" ? "ja-JP" : "en-GB";
    try {
      return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric" }).format(new Date());
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function running() {
    var label = script ? script.getAttribute("data-printed") || "" : "";
    var values = {
      "--tebiki-print-title": head('meta[property="og:title"]', "content") || document.title,
      "--tebiki-print-site": head('meta[property="og:site_name"]', "content"),
      "--tebiki-print-url": head('link[rel="canonical"]', "href"),
      "--tebiki-print-date": (label ? label + " " : "") + today()
    };
    for (var name in values) root.style.setProperty(name, cssString(values[name]));
  }

  running();
  window.addEventListener("beforeprint", running);

  var buttons = document.querySelectorAll("[data-tebiki-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () {
      window.print();
    });
  }
})();
