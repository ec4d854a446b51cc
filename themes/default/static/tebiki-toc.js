// "On this page": marks the link of the section being read with
// aria-current="true" (the theme colours a border that is always there, so
// nothing moves). Served as a file, so a strict Content-Security-Policy
// works; without JavaScript the list is plain links.
(function () {
  "use strict";
  var links = document.querySelectorAll(".toc a[href^='#']");
  if (!links.length || !("IntersectionObserver" in window)) return;
  var targets = [];
  for (var i = 0; i < links.length; i++) {
    var el = document.getElementById(decodeURIComponent(links[i].getAttribute("href").slice(1)));
    if (el) targets.push({ heading: el, link: links[i] });
  }
  var current = null;
  function mark() {
    // The last heading above the upper third of the window is the one being read.
    var line = window.innerHeight / 3;
    var pick = targets[0];
    for (var k = 0; k < targets.length; k++) {
      if (targets[k].heading.getBoundingClientRect().top <= line) pick = targets[k];
    }
    if (pick && pick.link !== current) {
      if (current) current.removeAttribute("aria-current");
      pick.link.setAttribute("aria-current", "true");
      current = pick.link;
    }
  }
  var observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -66% 0px" });
  for (var j = 0; j < targets.length; j++) observer.observe(targets[j].heading);
  mark();
})();
