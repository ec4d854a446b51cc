// tebiki serve: live reload and the error overlay.
// Served by `tebiki serve` only and never part of a built site. It listens on
// /__tebiki/events for the server's state: the id of the build being served
// and the problems of the last build, if it failed. A page built from another
// build reloads (staying on its URL); a failed build puts an overlay on the
// page; a good one takes it away. No inline script or style, no HTML parsing:
// it works under a strict Content-Security-Policy.
(() => {
  "use strict";
  const me = document.querySelector("script[data-tebiki-build]");
  const build = me ? me.dataset.tebikiBuild : "";
  let host = null;
  let source = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function where(p) {
    if (!p.file) return "site";
    return p.file + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "");
  }

  function hide() {
    if (host) host.remove();
    host = null;
  }

  function show(problems) {
    hide();
    host = el("div");
    host.id = "tebiki-overlay";
    const root = host.attachShadow({ mode: "open" });
    const css = el("link");
    css.rel = "stylesheet";
    css.href = "/__tebiki/live.css";
    const box = el("section", "box");
    box.setAttribute("role", "alert");
    const errors = problems.filter((p) => p.severity === "error").length;
    const title = el("h2", "title", "The build failed: " + errors + (errors === 1 ? " error" : " errors"));
    const list = el("ol", "problems");
    for (const p of problems) {
      const item = el("li", p.severity);
      const head = el("p", "head");
      head.append(el("span", "severity", p.severity), " ", el("code", "where", where(p)));
      item.append(head, el("p", "message", p.message));
      if (p.help) item.append(el("p", "help", "help: " + p.help));
      list.append(item);
    }
    const note = el("p", "note", "This page shows the last good build. Save a fix and this goes away by itself.");
    const close = el("button", "close", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    box.append(title, list, note, close);
    root.append(css, box);
    document.documentElement.append(host);
  }

  function connect() {
    if (source) return;
    source = new EventSource("/__tebiki/events");
    source.addEventListener("state", (event) => {
      const state = JSON.parse(event.data);
      if (state.build !== build) {
        source.close();
        location.reload();
        return;
      }
      if (state.problems.length) show(state.problems);
      else hide();
    });
  }

  function disconnect() {
    if (source) source.close();
    source = null;
  }

  // A browser keeps only a few connections per server: tabs in the
  // background let go of theirs, and catch up (reloading if a build came
  // in meanwhile) when shown again.
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  addEventListener("pagehide", disconnect);
  addEventListener("pageshow", () => {
    if (!document.hidden) connect();
  });
  if (!document.hidden) connect();
})();
