// tebiki search: the client side of the index written by `tebiki build`
// (format version 1; see src/search/mod.rs for the files).
//
// - tokenize(): the same rules as src/search/tokenizer.rs (NFKC, lower case,
//   Japanese runs as overlapping bigrams, words, English words by their
//   Snowball English stem); tests/fixtures/search/tokenizer-cases.json
//   holds cases both sides pass.
// - The search page: reads the form, its data- attributes (index folder, UI
//   strings) and ?q= from the URL; loads only the shards of the query's
//   terms, the filters chosen, and the metadata and excerpts of the results
//   it shows. Results need every term (AND); pages with the terms in their
//   title come first. Page text only ever reaches the page as text nodes.
//
// No dependencies, no inline script, no eval: works under
// Content-Security-Policy: default-src 'self'.
(function (root) {
  "use strict";

  var MAX_WORD = 60;
  var IN_TITLE = 0x80;
  var IN_SUMMARY = 0x40;
  var TF_MASK = 0x3f;
  var PAGE_SIZE = 10;
  var MAX_BIGRAMS = 8;
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var COMBINING = /^[\p{M}\uFF9E\uFF9F]$/u;

  // ---- Tokenizer -----------------------------------------------------------

  function isIdeograph(cp) {
    return (cp >= 0x3005 && cp <= 0x3007) || cp === 0x303b ||
      (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
  }

  function isJapanese(cp) {
    return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x3099 && cp <= 0x309f) ||
      (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x30fc && cp <= 0x30ff) ||
      (cp >= 0x31f0 && cp <= 0x31ff) || isIdeograph(cp);
  }

  function isAlnum(ch) {
    return ALNUM.test(ch);
  }

  function isAscii(s) {
    for (var i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
    return true;
  }

  function normalize(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  // Calls emit(term, start, end) for each term of text, in order; start and
  // end are indices into the normalised text (end exclusive; for a bigram,
  // its two characters).
  function scan(norm, stem, emit) {
    var chars = Array.from(norm);
    var pos = [];
    var at = 0;
    for (var k = 0; k < chars.length; k++) {
      pos.push(at);
      at += chars[k].length;
    }
    pos.push(at);
    var runStart = -1;
    var wordStart = -1;
    var word = "";

    function flushWord(end) {
      if (wordStart < 0) return;
      if (Array.from(word).length <= MAX_WORD) {
        emit(stem && isAscii(word) ? porter2(word) : word, pos[wordStart], pos[end]);
      }
      word = "";
      wordStart = -1;
    }

    function flushRun(end) {
      if (runStart < 0) return;
      var n = end - runStart;
      if (n === 1) {
        emit(chars[runStart], pos[runStart], pos[end]);
      } else {
        for (var i = runStart; i + 1 < end; i++) emit(chars[i] + chars[i + 1], pos[i], pos[i + 2]);
      }
      runStart = -1;
    }

    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (isJapanese(c.codePointAt(0))) {
        flushWord(i);
        if (runStart < 0) runStart = i;
        continue;
      }
      flushRun(i);
      if (isAlnum(c)) {
        if (wordStart < 0) wordStart = i;
        word += c;
      } else if ((c === "'" || c === "\u2019") && wordStart >= 0 && i + 1 < chars.length &&
                 isAlnum(chars[i + 1]) && !isJapanese(chars[i + 1].codePointAt(0))) {
        word += "'";
      } else {
        flushWord(i);
      }
    }
    flushWord(chars.length);
    flushRun(chars.length);
  }

  // The terms of text, in order, repeats kept (src/search/tokenizer.rs).
  function tokenize(text, stem) {
    var out = [];
    scan(normalize(text), !!stem, function (t) { out.push(t); });
    return out;
  }

  // ---- Snowball English (Porter2) stemmer, as in rust-stemmers 1.2 --------

  var EXCEPTION1 = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
  };
  var EXCEPTION2 = ["succeed", "proceed", "exceed", "canning", "inning", "earring", "herring", "outing"];
  var STEP2 = [
    ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"],
    ["entli", "ent"], ["ation", "ate"], ["alism", "al"], ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"],
    ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"],
    ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""],
  ];
  var STEP3 = [
    ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ative", ""],
    ["ical", "ic"], ["ness", ""], ["ful", ""],
  ];
  var STEP4 = [
    "ement", "ment", "ance", "ence", "able", "ible", "ate", "ive", "ize", "iti", "ism", "ion", "ous", "ant",
    "ent", "al", "er", "ic",
  ];

  function isV(c) {
    return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";
  }

  function isVWXY(c) {
    return isV(c) || c === "w" || c === "x" || c === "Y";
  }

  function ends(w, s) {
    return w.length >= s.length && w.slice(w.length - s.length) === s;
  }

  // The longest of list's suffixes (entries or entries[i][0]) that w ends with.
  function longest(w, list) {
    for (var i = 0; i < list.length; i++) {
      var s = typeof list[i] === "string" ? list[i] : list[i][0];
      if (ends(w, s)) return list[i];
    }
    return null;
  }

  // A short syllable ends at pos (exclusive).
  function shortv(w, pos) {
    if (pos >= 3 && !isVWXY(w[pos - 1]) && isV(w[pos - 2]) && !isV(w[pos - 3])) return true;
    return pos === 2 && !isV(w[1]) && isV(w[0]);
  }

  function hasVowel(w, from, to) {
    for (var i = from; i < to; i++) if (isV(w[i])) return true;
    return false;
  }

  // After the first vowel at or after `from`, past the next non-vowel.
  function region(w, from) {
    var i = from;
    while (i < w.length && !isV(w[i])) i++;
    while (i < w.length && isV(w[i])) i++;
    return i < w.length ? i + 1 : w.length;
  }

  function porter2(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTION1, word)) return EXCEPTION1[word];
    if (word.length < 3) return word;
    var w = word;
    if (w[0] === "'") w = w.slice(1);
    var yFound = false;
    if (w[0] === "y") { w = "Y" + w.slice(1); yFound = true; }
    for (var i = 1; i < w.length; i++) {
      if (w[i] === "y" && isV(w[i - 1])) { w = w.slice(0, i) + "Y" + w.slice(i + 1); yFound = true; }
    }
    var p1 = w.length;
    var pre = /^(gener|commun|arsen)/.exec(w);
    p1 = pre ? pre[0].length : region(w, 0);
    var p2 = p1 < w.length ? region(w, p1) : w.length;

    // Step 1a
    if (ends(w, "'s'")) w = w.slice(0, -3);
    else if (ends(w, "'s")) w = w.slice(0, -2);
    else if (ends(w, "'")) w = w.slice(0, -1);
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ied") || ends(w, "ies")) w = w.length - 3 >= 2 ? w.slice(0, -2) : w.slice(0, -1);
    else if (ends(w, "ss") || ends(w, "us")) { /* unchanged */ }
    else if (ends(w, "s") && w.length >= 3 && hasVowel(w, 0, w.length - 2)) w = w.slice(0, -1);

    if (EXCEPTION2.indexOf(w) < 0) {
      w = step1b(w, p1);
      // Step 1c
      if (w.length > 2 && (ends(w, "y") || ends(w, "Y")) && !isV(w[w.length - 2])) w = w.slice(0, -1) + "i";
      w = step2(w, p1);
      w = step3(w, p1, p2);
      w = step4(w, p2);
      w = step5(w, p1, p2);
    }
    return yFound ? w.replace(/Y/g, "y") : w;
  }

  function step1b(w, p1) {
    var s = longest(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
    if (!s) return w;
    var at = w.length - s.length;
    if (s === "eed" || s === "eedly") return at >= p1 ? w.slice(0, at) + "ee" : w;
    if (!hasVowel(w, 0, at)) return w;
    w = w.slice(0, at);
    if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) return w + "e";
    if (longest(w, ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"])) return w.slice(0, -1);
    if (w.length === p1 && shortv(w, w.length)) return w + "e";
    return w;
  }

  function step2(w, p1) {
    var e = longest(w, STEP2);
    if (!e) return w;
    var at = w.length - e[0].length;
    if (at < p1) return w;
    if (e[0] === "ogi") return w[at - 1] === "l" ? w.slice(0, at) + "og" : w;
    if (e[0] === "li") return at > 0 && "cdeghkmnrt".indexOf(w[at - 1]) >= 0 ? w.slice(0, at) : w;
    return w.slice(0, at) + e[1];
  }

  function step3(w, p1, p2) {
    var e = longest(w, STEP3);
    if (!e) return w;
    var at = w.length - e[0].length;
    if (at < p1) return w;
    if (e[0] === "ative" && at < p2) return w;
    return w.slice(0, at) + e[1];
  }

  function step4(w, p2) {
    var s = longest(w, STEP4);
    if (!s) return w;
    var at = w.length - s.length;
    if (at < p2) return w;
    if (s === "ion" && !(w[at - 1] === "s" || w[at - 1] === "t")) return w;
    return w.slice(0, at);
  }

  function step5(w, p1, p2) {
    var at = w.length - 1;
    if (ends(w, "e")) {
      if (at >= p2 || (at >= p1 && !shortv(w, at))) return w.slice(0, at);
    } else if (ends(w, "l")) {
      if (at >= p2 && w[at - 1] === "l") return w.slice(0, at);
    }
    return w;
  }

  // ---- Index files ---------------------------------------------------------

  function fnv1a(term) {
    var bytes = new TextEncoder().encode(term);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function shardOf(term, bits) {
    return bits === 0 ? 0 : fnv1a(term) >>> (32 - bits);
  }

  function shardName(shard, bits) {
    var digits = Math.max(1, Math.ceil(bits / 4));
    var s = shard.toString(16);
    while (s.length < digits) s = "0" + s;
    return s;
  }

  function varint(r) {
    var v = 0;
    var shift = 0;
    for (;;) {
      if (r.at >= r.bytes.length) throw new Error("truncated index file");
      var b = r.bytes[r.at++];
      v += (b & 0x7f) * Math.pow(2, shift);
      if (!(b & 0x80)) return v;
      shift += 7;
    }
  }

  function expectMagic(r, magic) {
    for (var i = 0; i < 5; i++) {
      if (r.bytes[r.at + i] !== magic.charCodeAt(i)) throw new Error("not a tebiki search file");
    }
    r.at += 5;
  }

  // A shard: term → {count, form, at, weights, bytes} (postings decoded on demand).
  function readShard(bytes) {
    var r = { bytes: bytes, at: 0 };
    expectMagic(r, "TBKS\u0001");
    var n = varint(r);
    var terms = new Map();
    var dec = new TextDecoder();
    for (var i = 0; i < n; i++) {
      var len = varint(r);
      var term = dec.decode(bytes.subarray(r.at, r.at + len));
      r.at += len;
      var count = varint(r);
      var form = bytes[r.at++];
      var start = r.at;
      if (form === 0) {
        for (var k = 0; k < count; k++) varint(r);
      } else if (form === 1) {
        var size = varint(r);
        start = r.at;
        r.at += size;
      } else {
        throw new Error("unknown postings form");
      }
      var entry = { count: count, form: form, at: start, end: r.at, weights: r.at, bytes: bytes };
      r.at += count;
      if (r.at > bytes.length) throw new Error("truncated index file");
      terms.set(term, entry);
    }
    return terms;
  }

  // [docs, weights] of a shard entry.
  function postings(entry) {
    var b = entry.bytes;
    var docs = new Array(entry.count);
    var weights = new Array(entry.count);
    if (entry.form === 0) {
      var r = { bytes: b, at: entry.at };
      var doc = 0;
      for (var k = 0; k < entry.count; k++) {
        doc = k === 0 ? varint(r) : doc + varint(r);
        docs[k] = doc;
      }
    } else {
      var n = 0;
      for (var i = entry.at; i < entry.end && n < entry.count; i++) {
        var byte = b[i];
        for (var bit = 0; byte && bit < 8; bit++, byte >>= 1) {
          if (byte & 1) docs[n++] = (i - entry.at) * 8 + bit;
        }
      }
    }
    for (var j = 0; j < entry.count; j++) weights[j] = b[entry.weights + j];
    return [docs, weights];
  }

  function readFacet(bytes) {
    var r = { bytes: bytes, at: 0 };
    expectMagic(r, "TBKF\u0001");
    var n = varint(r);
    var docs = new Set();
    var doc = 0;
    for (var k = 0; k < n; k++) {
      doc = k === 0 ? varint(r) : doc + varint(r);
      docs.add(doc);
    }
    return docs;
  }

  // Title lengths (l.bin): one byte per document, the number of distinct
  // terms of its title.
  function readTitleLengths(bytes) {
    var r = { bytes: bytes, at: 0 };
    expectMagic(r, "TBKL\u0001");
    return bytes.subarray(r.at);
  }

  // ---- Ranking -------------------------------------------------------------

  // The documents in every one of the postings lists ([docs, weights] per
  // query term), each with its tier (2: every term in the title, 1: some,
  // 0: none) and score.
  function score(lists) {
    var ls = lists.slice().sort(function (a, b) { return a[0].length - b[0].length; });
    var acc = new Map();
    ls[0][0].forEach(function (d, k) { acc.set(d, [ls[0][1][k]]); });
    for (var i = 1; i < ls.length && acc.size; i++) {
      var next = new Map();
      var docs = ls[i][0];
      var ws = ls[i][1];
      for (var k = 0; k < docs.length; k++) {
        var have = acc.get(docs[k]);
        if (have) { have.push(ws[k]); next.set(docs[k], have); }
      }
      acc = next;
    }
    var out = [];
    acc.forEach(function (weights, doc) {
      var all = true;
      var any = false;
      var s = 0;
      weights.forEach(function (w) {
        var title = (w & IN_TITLE) !== 0;
        all = all && title;
        any = any || title;
        s += (title ? 8 : 0) + (w & IN_SUMMARY ? 3 : 0) + Math.log(1 + (w & TF_MASK));
      });
      out.push({ doc: doc, tier: all ? 2 : any ? 1 : 0, score: s });
    });
    return out;
  }

  // Orders scored results: by tier; among titles holding every term, the
  // shortest title first (the page titled exactly as the query has the
  // fewest terms), when the title lengths are known; then by score, then
  // in site order.
  function rank(results, lengths) {
    var len = function (r) { return lengths && r.tier === 2 && r.doc < lengths.length ? lengths[r.doc] : 0; };
    return results.sort(function (a, b) {
      return b.tier - a.tier || len(a) - len(b) || b.score - a.score || a.doc - b.doc;
    });
  }

  // ---- Queries -------------------------------------------------------------

  // What a query looks for: its index terms (all needed), and for
  // highlighting its words and its runs of Japanese text.
  function parseQuery(q, stem) {
    var terms = [];
    var seen = new Set();
    var words = new Set();
    var runs = [];
    var run = [];
    var lastEnd = -1;
    function add(t) {
      if (!seen.has(t)) { seen.add(t); terms.push(t); }
    }
    function flushRun() {
      if (!run.length) return;
      var text = run[0];
      for (var i = 1; i < run.length; i++) text += Array.from(run[i])[1];
      runs.push(text);
      // A long run: every other bigram and the last still cover each character.
      run.forEach(function (g, i) {
        if (run.length <= MAX_BIGRAMS || i % 2 === 0 || i === run.length - 1) add(g);
      });
      run = [];
    }
    scan(normalize(q), !!stem, function (t, start, end) {
      if (isJapanese(t.codePointAt(0))) {
        if (run.length && start >= lastEnd) flushRun();
        run.push(t);
        lastEnd = end;
        return;
      }
      flushRun();
      words.add(t);
      add(t);
    });
    flushRun();
    return { terms: terms, words: words, runs: runs };
  }

  // ---- Highlighting --------------------------------------------------------

  // text normalised piece by piece, with where each piece came from.
  function mapped(text) {
    var norm = "";
    var from = [];
    var to = [];
    var i = 0;
    while (i < text.length) {
      var j = i + (text.codePointAt(i) > 0xffff ? 2 : 1);
      while (j < text.length) {
        var ch = String.fromCodePoint(text.codePointAt(j));
        if (!COMBINING.test(ch)) break;
        j += ch.length;
      }
      var piece = normalize(text.slice(i, j));
      for (var k = 0; k < piece.length; k++) {
        from.push(i);
        to.push(j);
      }
      norm += piece;
      i = j;
    }
    return { norm: norm, from: from, to: to };
  }

  // [start, end) ranges of text that match the query, sorted, not overlapping.
  function matches(text, query, stem) {
    var m = mapped(text);
    var ranges = [];
    if (query.words.size) {
      scan(m.norm, stem, function (t, start, end) {
        if (query.words.has(t) && !isJapanese(t.codePointAt(0))) ranges.push([m.from[start], m.to[end - 1]]);
      });
    }
    query.runs.forEach(function (r) {
      var at = m.norm.indexOf(r);
      while (at >= 0) {
        ranges.push([m.from[at], m.to[at + r.length - 1]]);
        at = m.norm.indexOf(r, at + r.length);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  // Appends text to el, the ranges inside <mark>, as text nodes only.
  function appendMarked(el, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], from);
      var e = Math.min(r[1], to);
      if (e <= s) return;
      if (s > at) el.appendChild(document.createTextNode(text.slice(at, s)));
      var mark = document.createElement("mark");
      mark.appendChild(document.createTextNode(text.slice(s, e)));
      el.appendChild(mark);
      at = e;
    });
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  // The word boundaries of text[from, to) in the page's language, where the
  // browser can tell them (Intl.Segmenter: words of English, words of
  // Japanese by its dictionary); null where it cannot.
  function boundaries(text, from, to) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return null;
    var lang = document.documentElement.lang || undefined;
    var out = [];
    var it = new Intl.Segmenter(lang, { granularity: "word" }).segment(text.slice(from, to))[Symbol.iterator]();
    for (var r = it.next(); !r.done; r = it.next()) out.push(from + r.value.index);
    out.push(to);
    return out;
  }

  // `at` moved to the nearest word boundary before it (dir < 0) or after it
  // (dir > 0) within a few characters; a space is a boundary everywhere.
  function snap(text, at, dir) {
    var reach = 20;
    if (at <= 0 || at >= text.length) return at;
    var from = Math.max(0, at - reach);
    var to = Math.min(text.length, at + reach);
    var found = null;
    var bs = boundaries(text, from, to);
    if (bs) {
      bs.forEach(function (b) {
        // The ends of the slice are boundaries only where the text ends.
        if ((b === from && from > 0) || (b === to && to < text.length)) return;
        if (dir < 0 ? b <= at && (found === null || b > found) : b >= at && (found === null || b < found)) found = b;
      });
    } else {
      for (var k = at; k >= from && k <= to; k += dir < 0 ? -1 : 1) {
        if (text[k] === " " || text[k - 1] === " ") { found = k; break; }
      }
    }
    if (found === null) found = at;
    if (found > 0 && found < text.length && /[\uDC00-\uDFFF]/.test(text[found])) found += dir < 0 ? -1 : 1;
    return found;
  }

  // A window of about `size` characters of text around its first match,
  // cut at word boundaries (no "…ormation"), without spaces at its ends.
  function excerptWindow(text, ranges, size) {
    var start = 0;
    if (ranges.length) start = Math.max(0, ranges[0][0] - Math.floor(size / 4));
    var end = Math.min(text.length, start + size);
    if (end - start < size) start = Math.max(0, end - size);
    start = snap(text, start, -1);
    end = snap(text, end, 1);
    while (start < end && /[ 、。，．,.]/.test(text[start])) start++;
    while (end > start && text[end - 1] === " ") end--;
    return [start, end];
  }

  // ---- The search page -----------------------------------------------------

  function SearchPage(form) {
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    this.status = document.getElementById("search-status");
    this.list = document.getElementById("search-results");
    this.more = document.getElementById("search-more");
    this.base = new URL(form.getAttribute("data-index"), document.baseURI);
    this.files = new Map();
    this.manifest = null;
    this.seq = 0;
    this.results = [];
    this.shown = 0;
    this.query = null;
  }

  SearchPage.prototype.t = function (key, n) {
    var s = this.form.getAttribute("data-t-" + key) || "";
    return n === undefined ? s : s.replace("{n}", String(n));
  };

  SearchPage.prototype.load = function (path, kind) {
    var key = kind + ":" + path;
    if (!this.files.has(key)) {
      var url = new URL(path, this.base);
      var p = fetch(url.href).then(function (res) {
        if (!res.ok) throw new Error(res.status + " " + url.href);
        return kind === "json" ? res.json() : res.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      });
      this.files.set(key, p);
      var files = this.files;
      p.catch(function () { files.delete(key); });
    }
    return this.files.get(key);
  };

  SearchPage.prototype.getManifest = function () {
    var self = this;
    if (this.manifest) return Promise.resolve(this.manifest);
    return this.load("manifest.json", "json").then(function (m) {
      if (m.format !== "tebiki-search" || m.version !== 1) throw new Error("unknown index format");
      self.manifest = m;
      return m;
    });
  };

  // Whether shard s exists (manifest.shards: byte s / 8, bit s % 8, in hexadecimal).
  function hasShard(m, s) {
    var byte = parseInt(m.shards.substr((s >> 3) * 2, 2), 16);
    return ((byte >> (s & 7)) & 1) === 1;
  }

  SearchPage.prototype.shard = function (term) {
    var m = this.manifest;
    var s = shardOf(term, m.shard_bits);
    if (!hasShard(m, s)) return Promise.resolve(new Map());
    var name = "t/" + shardName(s, m.shard_bits) + ".bin";
    var self = this;
    var key = "parsed:" + name;
    if (!this.files.has(key)) {
      this.files.set(key, this.load(name, "bin").then(readShard));
    }
    return this.files.get(key).catch(function (e) { self.files.delete(key); throw e; });
  };

  SearchPage.prototype.filters = function () {
    var out = [];
    this.selects.forEach(function (s) {
      if (s.value) out.push([s.getAttribute("data-facet"), s.value]);
    });
    return out;
  };

  // Ranked documents for the query and filters: [{doc, tier, score}].
  SearchPage.prototype.find = function (query) {
    var self = this;
    var m = this.manifest;
    var lists = Promise.all(query.terms.map(function (t) {
      return self.shard(t).then(function (shard) {
        var e = shard.get(t);
        return e ? postings(e) : [[], []];
      });
    }));
    var facets = Promise.all(this.filters().map(function (f) {
      if ((m.facets[f[0]] || []).indexOf(f[1]) < 0) return new Set();
      return self.load("f/" + f[0] + "/" + encodeURIComponent(f[1]) + ".bin", "bin").then(readFacet);
    }));
    return Promise.all([lists, facets]).then(function (r) {
      var out = score(r[0]).filter(function (x) {
        for (var f = 0; f < r[1].length; f++) if (!r[1][f].has(x.doc)) return false;
        return true;
      });
      // Title lengths matter only when several titles hold every term.
      if (out.filter(function (x) { return x.tier === 2; }).length < 2) return rank(out, null);
      return self.load("l.bin", "bin").then(readTitleLengths).then(
        function (lengths) { return rank(out, lengths); },
        function () { return rank(out, null); });
    });
  };

  SearchPage.prototype.setStatus = function (text) {
    this.status.textContent = text;
  };

  SearchPage.prototype.clear = function () {
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.results = [];
    this.shown = 0;
    this.more.hidden = true;
    this.pending = null;
    this.failed = false;
  };

  SearchPage.prototype.syncUrl = function () {
    var params = new URLSearchParams();
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    this.selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var qs = params.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    try { window.history.replaceState(null, "", url); } catch (e) { /* file: or sandboxed */ }
  };

  SearchPage.prototype.run = function () {
    var self = this;
    var seq = ++this.seq;
    var q = this.input.value;
    this.clear();
    if (window.location.protocol === "file:") {
      this.setStatus(this.t("no-server"));
      return Promise.resolve();
    }
    if (!q.trim()) {
      this.setStatus(this.t("empty"));
      return Promise.resolve();
    }
    this.list.setAttribute("aria-busy", "true");
    // Said only when the index is slow to arrive, so fast searches announce just the count.
    var counted = false;
    window.setTimeout(function () {
      if (seq === self.seq && !counted) self.setStatus(self.t("loading"));
    }, 500);
    return this.getManifest().then(function (m) {
      var query = parseQuery(q, m.stem);
      if (!query.terms.length) return [];
      self.query = query;
      return self.find(query);
    }).then(function (results) {
      if (seq !== self.seq) return;
      counted = true;
      self.results = results;
      self.setStatus(self.countText());
      return self.showMore(false);
    }).catch(function () {
      counted = true;
      if (seq === self.seq) self.setStatus(self.t("error"));
    }).then(function () {
      if (seq === self.seq) self.list.removeAttribute("aria-busy");
    });
  };

  SearchPage.prototype.countText = function () {
    var n = this.results.length;
    return n === 0 ? this.t("none") : n === 1 ? this.t("count-one") : this.t("count", n);
  };

  // Shows the next PAGE_SIZE results; focus moves to the first of them if asked.
  // While a batch is on its way, asking again waits for it rather than
  // fetching (and appending) the same batch twice.
  SearchPage.prototype.showMore = function (focus) {
    if (this.pending) return this.pending;
    var self = this;
    var seq = this.seq;
    var m = this.manifest;
    var batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    if (!batch.length) { this.more.hidden = true; return Promise.resolve(); }
    var metas = Promise.all(batch.map(function (r) {
      var chunk = Math.floor(r.doc / m.meta_chunk);
      return self.load("m/" + chunk + ".json", "json").then(function (rows) { return rows[r.doc - chunk * m.meta_chunk]; });
    }));
    var shown = metas.then(function (rows) {
      return Promise.all(rows.map(function (row, i) {
        return self.load("x/" + row[3] + ".json", "json").then(function (x) {
          return x.texts[batch[i].doc - x.first] || "";
        }, function () { return ""; });
      })).then(function (texts) { return [rows, texts]; });
    }).then(function (r) {
      if (seq !== self.seq) return;
      var first = null;
      r[0].forEach(function (row, i) {
        var li = self.item(row, r[1][i]);
        self.list.appendChild(li);
        if (!first) first = li.querySelector("a");
      });
      self.shown += batch.length;
      self.more.hidden = self.shown >= self.results.length;
      if (focus && first) first.focus();
    });
    var done = function () { if (self.pending === p) self.pending = null; };
    var p = shown.then(done, function (e) { done(); throw e; });
    this.pending = p;
    return p;
  };

  // "Show more": a batch that cannot be fetched says so in the status (the
  // button stays, so a second press tries again) and a later success puts
  // the count back.
  SearchPage.prototype.onMore = function () {
    var self = this;
    var seq = this.seq;
    this.list.setAttribute("aria-busy", "true");
    return this.showMore(true).then(function () {
      if (seq === self.seq && self.failed) self.setStatus(self.countText());
      self.failed = false;
    }, function () {
      if (seq !== self.seq) return;
      self.failed = true;
      self.setStatus(self.t("error"));
    }).then(function () {
      if (seq === self.seq) self.list.removeAttribute("aria-busy");
    });
  };

  SearchPage.prototype.item = function (row, text) {
    var stem = this.manifest.stem;
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.setAttribute("href", row[0]);
    appendMarked(a, row[1], matches(row[1], this.query, stem), 0, row[1].length);
    h.appendChild(a);
    li.appendChild(h);
    if (row[2]) {
      var meta = document.createElement("p");
      meta.className = "search-result-meta";
      meta.textContent = row[2];
      li.appendChild(meta);
    }
    var flat = text.replace(/\s+/g, " ").trim();
    if (flat) {
      var ranges = matches(flat, this.query, stem);
      var w = excerptWindow(flat, ranges, 160);
      var p = document.createElement("p");
      p.className = "search-result-excerpt";
      var dots = this.t("ellipsis");
      if (w[0] > 0) p.appendChild(document.createTextNode(dots));
      appendMarked(p, flat, ranges, w[0], w[1]);
      if (w[1] < flat.length) p.appendChild(document.createTextNode(dots));
      li.appendChild(p);
    }
    return li;
  };

  // Arrow keys move between the search box and the result links.
  SearchPage.prototype.onKey = function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(this.list.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next;
    if (document.activeElement === this.input) next = e.key === "ArrowDown" ? links[0] : null;
    else if (at >= 0) next = e.key === "ArrowDown" ? links[at + 1] || links[at] : at === 0 ? this.input : links[at - 1];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  SearchPage.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    this.selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.syncUrl();
      self.run();
    });
    this.selects.forEach(function (s) {
      s.addEventListener("change", function () {
        self.syncUrl();
        if (self.input.value.trim()) self.run();
      });
    });
    this.more.addEventListener("click", function (e) {
      self.moreAt = e.timeStamp;
      self.onMore();
    });
    // A double click on "Show more" must not open a result: the batch is
    // often shown before the second click arrives, and the first new result
    // then stands where the button was. A click that continues a multi-click
    // begun on the button (detail > 1, within a second of it) is dropped.
    this.list.addEventListener("click", function (e) {
      if (e.detail > 1 && self.moreAt !== undefined && e.timeStamp - self.moreAt < 1000) e.preventDefault();
    });
    this.input.addEventListener("keydown", function (e) { self.onKey(e); });
    this.list.addEventListener("keydown", function (e) { self.onKey(e); });
    if (this.input.value.trim()) this.run();
  };

  var api = {
    normalize: normalize,
    tokenize: tokenize,
    stem: porter2,
    parseQuery: parseQuery,
    fnv1a: fnv1a,
    shardOf: shardOf,
    shardName: shardName,
    readShard: readShard,
    postings: postings,
    readFacet: readFacet,
    readTitleLengths: readTitleLengths,
    score: score,
    rank: rank,
    hasShard: hasShard,
  };
  root.tebikiSearch = api;

  if (typeof document !== "undefined") {
    var boot = function () {
      var form = document.getElementById("search-form");
      if (form) new SearchPage(form).start();
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
    else boot();
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
