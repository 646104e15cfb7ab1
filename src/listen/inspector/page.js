// The bluehook inspector page. Everything that came from the network is put in the page with
// textContent (never innerHTML), so a body can never become markup or script.
"use strict";

const TOKEN = new URL(document.currentScript.src).searchParams.get("token");
const ROW = 30;
const $ = (id) => document.getElementById(id);

const state = {
  keep: 1000, target: null, signing: false,
  all: [],          // oldest first
  byId: new Map(),
  shown: [],        // newest first, filtered
  selected: null,   // id
  opened: null,     // id
  dropped: 0,
  filter: { q: "", event: "", verdict: "" },
  events: new Set(),
  pending: [],
  hits: null,       // ids whose body holds the search text (the server searches)
  wanted: null,     // ?open=ID: the delivery to open once it arrives
  file: null,       // `inspect FILE`: the record file shown
};

function api(path, body) {
  const url = path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(TOKEN);
  if (body === undefined) return fetch(url);
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

// ---- entries -------------------------------------------------------------------------------

// The list holds summaries (no bodies): a delivery is fetched whole when it is opened.
function entry(d) {
  return { d, title: d.title || "", pinned: false };
}

function obj(v) { return v && typeof v === "object" && !Array.isArray(v) ? v : null; }

function matches(e) {
  const f = state.filter;
  if (f.event && e.d.event !== f.event) return false;
  if (f.verdict && e.d.verdict !== f.verdict) return false;
  if (f.q && !(state.hits && state.hits.has(e.d.id))) return false;
  return true;
}

function refilter() {
  state.shown = state.all.filter(matches).reverse();
  render();
}

function addEvent(name) {
  if (!name || state.events.has(name)) return;
  state.events.add(name);
  const select = $("event");
  const opt = el("option", null, name);
  opt.value = name;
  const after = [...select.options].slice(1).find((o) => o.value > name);
  select.insertBefore(opt, after || null);
  if (state.filter.event === name) select.value = name;
}

// Deliveries arrive in bursts: take them in once per frame.
function receive(d) {
  state.pending.push(d);
  if (state.pending.length === 1) requestAnimationFrame(flush);
}

function flush() {
  const fresh = [];
  for (const d of state.pending) {
    if (state.byId.has(d.id)) continue;
    const e = entry(d);
    state.all.push(e);
    state.byId.set(d.id, e);
    addEvent(d.event);
    if (matches(e)) fresh.push(e);
  }
  state.pending = [];
  if (state.filter.q) research();
  const evicted = evict();
  if (evicted) state.shown = state.shown.filter((e) => state.byId.has(e.d.id));
  if (fresh.length) state.shown = fresh.reverse().concat(state.shown);
  if (state.selected === null && state.shown.length) state.selected = state.shown[0].d.id;
  if (state.wanted !== null && state.byId.has(state.wanted)) {
    const id = state.wanted;
    state.wanted = null;
    open(id);
  }
  render();
}

function evict() {
  let over = state.all.length - state.keep - state.all.filter((e) => e.pinned).length;
  if (over <= 0) return false;
  state.all = state.all.filter((e) => {
    if (over > 0 && !e.pinned) { over--; state.byId.delete(e.d.id); return false; }
    return true;
  });
  return true;
}

// ---- the list (only the rows in view are in the page) --------------------------------------

function render() {
  const list = $("list"), rows = $("rows");
  rows.style.height = state.shown.length * ROW + "px";
  $("empty").hidden = state.shown.length > 0;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
  const last = Math.min(state.shown.length, first + Math.ceil(list.clientHeight / ROW) + 10);
  const frag = document.createDocumentFragment();
  for (let i = first; i < last; i++) frag.appendChild(row(state.shown[i], i));
  rows.replaceChildren(frag);
  status();
}

function row(e, i) {
  const d = e.d;
  const r = el("div", "row " + d.verdict + (d.id === state.selected ? " sel" : ""));
  r.style.top = i * ROW + "px";
  r.dataset.id = d.id;
  r.appendChild(el("span", "time", clock(d.received_at)));
  r.appendChild(el("span", "badge " + d.verdict, d.verdict));
  r.appendChild(el("span", "event", d.event || (d.method + " " + d.path)));
  r.appendChild(el("span", "title", e.title));
  if (d.status !== null && d.status !== undefined) r.appendChild(el("span", "code", d.status));
  if (d.forward) r.appendChild(el("span", "code muted", "→ " + d.forward));
  if (e.pinned) r.appendChild(el("span", "pin", "pinned"));
  return r;
}

function clock(t) {
  const m = /T(\d\d:\d\d:\d\d)/.exec(t || "");
  return m ? m[1] : "";
}

function status() {
  const s = $("status");
  const total = state.all.length;
  let text = state.shown.length === total ? total + " deliveries" : state.shown.length + " of " + total + " deliveries";
  if (state.dropped) text += " · " + state.dropped + " dropped (page behind)";
  // `inspect FILE` shows a file, not deliveries as they arrive.
  const where = state.file ? state.file.split("/").pop() + " · " : "live · ";
  s.textContent = (state.live ? where : "offline · ") + text;
}

// ---- the detail pane ------------------------------------------------------------------------

async function open(id) {
  const listed = state.byId.get(id);
  if (!listed) return;
  state.selected = id;
  state.opened = id;
  const r = await api("api/delivery?id=" + id);
  if (!r.ok) { toast("no longer kept"); return; }
  const d = await r.json();
  let json = null;
  try { json = JSON.parse(d.body); } catch (_) { /* not JSON */ }
  const e = { d, json, pinned: listed.pinned };
  const p = new URLSearchParams(location.search);
  p.set("open", id);
  history.replaceState(null, "", "?" + p.toString());
  const pane = $("detail");
  const parts = [el("h2", null, d.event || "(no event)")];
  const meta = el("div", "meta");
  meta.appendChild(el("span", "badge " + d.verdict, d.verdict));
  meta.appendChild(document.createTextNode("  " + d.method + " " + d.path + " · " + d.received_at +
    (d.status ? " · answered " + d.status : "") + " · " + d.size + " bytes"));
  parts.push(meta);
  if (d.reason) parts.push(reason(d));
  parts.push(actions(e));
  if (d.forwarded) parts.push(el("h3", null, "Forwarded"), forwarded(d.forwarded));
  if (d.queued) parts.push(el("h3", null, "Queued"), el("p", "queued",
    "answered at once and queued as #" + d.queued.id + " (" + d.queued.waiting +
    " waiting then); the listener's output shows each forward attempt"));
  if (d.unrouted) parts.push(el("p", "queued", "not forwarded: no --forward-to route takes this event"));
  const diff = diffOf(e.json);
  if (diff) parts.push(el("h3", null, "Changes (previousValue → currentValue)"), diff);
  parts.push(el("h3", null, "Headers"), headers(d.headers));
  parts.push(el("h3", null, "Body"), body(e));
  pane.replaceChildren(...parts);
  pane.scrollTop = 0;
  render();
}

function reason(d) {
  const box = el("div", "reason");
  box.appendChild(el("code", null, d.reason));
  if (d.reason_text) box.appendChild(document.createTextNode(": " + d.reason_text));
  if (d.explain) {
    const ex = d.explain;
    const line = typeof ex === "string" ? ex
      : ex.sentence ? ex.sentence + " [" + ex.cause + "]"
      : (ex.summary || ex.message || ex.cause || JSON.stringify(ex));
    box.appendChild(el("div", "explain", String(line)));
    if (ex.hint) box.appendChild(el("div", "explain", "hint: " + String(ex.hint)));
  }
  return box;
}

function forwarded(f) {
  const t = el("table");
  addRow(t, "status", f.status === null ? "no answer" : f.status);
  addRow(t, "latency", f.latency + " ms");
  if (f.failure) addRow(t, "failure", f.failure + (f.detail ? ": " + f.detail : ""));
  if (f.response) addRow(t, "answer", f.response.slice(0, 500));
  return t;
}

function addRow(table, k, v, cls) {
  const tr = el("tr", cls);
  tr.appendChild(el("td", null, k));
  if (Array.isArray(v)) v.forEach(([c, x]) => tr.appendChild(el("td", c, x)));
  else tr.appendChild(el("td", null, v));
  table.appendChild(tr);
}

function headers(h) {
  const t = el("table");
  for (const k of Object.keys(h)) addRow(t, k, h[k]);
  return t;
}

function body(e) {
  const wrap = el("div");
  const tabs = el("div", "tabs");
  const pretty = el("button", "on", "Pretty");
  const raw = el("button", null, "Raw (" + new TextEncoder().encode(e.d.body).length + " bytes" + (e.d.utf8 ? "" : ", not UTF-8") + ")");
  const view = el("div");
  const show = (which) => {
    pretty.classList.toggle("on", which === "pretty");
    raw.classList.toggle("on", which === "raw");
    if (which === "pretty" && e.json !== null) {
      const t = el("div", "tree");
      t.appendChild(tree(e.json, null, 0));
      view.replaceChildren(t);
    } else {
      view.replaceChildren(el("pre", "raw", e.d.body));
    }
  };
  pretty.onclick = () => show("pretty");
  raw.onclick = () => show("raw");
  tabs.append(pretty, raw);
  wrap.append(tabs, view);
  show(e.json !== null ? "pretty" : "raw");
  return wrap;
}

function tree(v, key, depth) {
  const label = (node) => { if (key !== null) { node.appendChild(el("span", "k", key)); node.appendChild(document.createTextNode(": ")); } };
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    const det = el("details");
    det.open = depth < 3;
    const sum = el("summary");
    label(sum);
    sum.appendChild(el("span", "muted", Array.isArray(v) ? "[" + keys.length + "]" : "{" + keys.length + "}"));
    det.appendChild(sum);
    const kids = el("div");
    for (const k of keys) kids.appendChild(tree(v[k], Array.isArray(v) ? k : JSON.stringify(k), depth + 1));
    det.appendChild(kids);
    return det;
  }
  const leaf = el("div");
  label(leaf);
  const cls = typeof v === "string" ? "s" : typeof v === "number" ? "n" : "l";
  leaf.appendChild(el("span", cls, JSON.stringify(v)));
  return leaf;
}

// previousValue -> currentValue, leaf by leaf.
function flat(v, path, out, depth) {
  if (v && typeof v === "object" && depth < 12) {
    const keys = Object.keys(v);
    if (!keys.length) out.set(path, Array.isArray(v) ? "[]" : "{}");
    for (const k of keys) flat(v[k], path + (Array.isArray(v) ? "[" + k + "]" : (path ? "." : "") + k), out, depth + 1);
  } else {
    out.set(path, JSON.stringify(v));
  }
  return out;
}

function diffOf(json) {
  if (!json || !obj(json.previousValue) || !obj(json.currentValue)) return null;
  const a = flat(json.previousValue, "", new Map(), 0), b = flat(json.currentValue, "", new Map(), 0);
  const t = el("table", "diff");
  for (const [k, old] of a) {
    if (!b.has(k)) addRow(t, k, [["old", old], ["new", "(removed)"]]);
    else if (b.get(k) !== old) addRow(t, k, [["old", old], ["new", b.get(k)]]);
  }
  for (const [k, v] of b) if (!a.has(k)) addRow(t, k, [["old", "(absent)"], ["new", v]]);
  if (!t.rows.length) t.appendChild(el("tr")).appendChild(el("td", "muted", "no change"));
  return t;
}

// ---- actions --------------------------------------------------------------------------------

function actions(e) {
  const box = el("div");
  const bar = el("div", "actions");
  const url = el("input");
  url.type = "url"; url.id = "replay-url"; url.placeholder = "URL to replay to";
  url.value = state.target || "";
  const resign = el("input"); resign.type = "checkbox"; resign.id = "resign";
  const resignLabel = el("label", null, " re-sign");
  resignLabel.prepend(resign);
  const go = el("button", "primary", "Replay"); go.id = "replay";
  const edit = el("button", null, "Edit body"); edit.id = "edit";
  const copy = el("button", null, "Copy body");
  const curl = el("button", null, "Copy as curl");
  const pin = el("button", null, e.pinned ? "Unpin" : "Pin"); pin.id = "pin";
  bar.append(url, resignLabel, go, edit, copy, curl, pin);
  const editor = el("textarea"); editor.id = "editor"; editor.hidden = true; editor.spellcheck = false;
  const result = el("div"); result.id = "replay-result";
  go.onclick = () => replay(e, url.value, editor.hidden ? null : editor.value, resign.checked, result);
  edit.onclick = () => { editor.hidden = !editor.hidden; if (!editor.hidden) { editor.value = pretty(e); editor.focus(); } };
  copy.onclick = () => clip(e.d.body);
  curl.onclick = () => clip(curlOf(e.d, url.value || state.target || "http://127.0.0.1:8080/"));
  pin.onclick = () => togglePin(state.byId.get(e.d.id));
  box.append(bar, editor, result);
  return box;
}

function pretty(e) { return e.json !== null ? JSON.stringify(e.json, null, 2) : e.d.body; }

async function replay(e, url, edited, resign, out) {
  out.className = "result"; out.textContent = "sending…";
  const ask = { id: e.d.id, url: url || null, resign };
  if (edited !== null) ask.body = edited;
  try {
    const r = await api("api/replay", ask);
    const j = await r.json();
    if (!r.ok) throw new Error(j.error || r.statusText);
    const o = j.outcome;
    out.className = "result " + (o.failure ? "bad" : "ok");
    out.textContent = (o.status ? o.status : o.failure) + " from " + j.url + " in " + o.latency + " ms (" + j.signature + " signature)" +
      (o.detail ? " · " + o.detail : "") + (o.response ? " · " + o.response.slice(0, 200) : "");
  } catch (err) {
    out.className = "result bad"; out.textContent = "replay failed: " + err.message;
  }
}

function quote(s) { return "'" + String(s).replace(/'/g, "'\\''") + "'"; }

function curlOf(d, url) {
  const skip = new Set(["host", "content-length", "connection", "accept-encoding"]);
  const parts = ["curl -X POST " + quote(url)];
  for (const k of Object.keys(d.headers)) if (!skip.has(k)) parts.push("-H " + quote(k + ": " + d.headers[k]));
  // --data-raw: a body that starts with "@" is sent as it is, never read as a file name.
  parts.push("--data-raw " + quote(d.body));
  return parts.join(" \\\n  ");
}

function clip(text) {
  const done = () => toast("Copied");
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => fallback(text));
  else fallback(text);
}

function fallback(text) {
  const t = el("textarea"); t.value = text; document.body.appendChild(t); t.select();
  try { document.execCommand("copy"); toast("Copied"); } catch (_) { toast("Copy failed"); }
  t.remove();
}

function toast(text) {
  const t = el("div", "toast", text);
  document.body.appendChild(t);
  setTimeout(() => t.remove(), 1200);
}

async function togglePin(e) {
  if (!e) return;
  const r = await api("api/pin", { id: e.d.id, pinned: !e.pinned });
  if (!r.ok) return toast("not kept any more");
  e.pinned = !e.pinned;
  if (state.opened === e.d.id) open(e.d.id); else render();
}

async function exportShown() {
  const ids = state.shown.map((e) => e.d.id).reverse();
  const r = await api("api/export", { ids });
  if (!r.ok) return toast("export failed");
  const blob = await r.blob();
  const a = el("a"); a.href = URL.createObjectURL(blob); a.download = "deliveries.ndjson";
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function cleared() {
  state.all = state.all.filter((e) => e.pinned);
  state.byId = new Map(state.all.map((e) => [e.d.id, e]));
  state.dropped = 0;
  refilter();
}

// ---- filters, kept in the URL ---------------------------------------------------------------

function readFilter() {
  state.hits = null;
  const p = new URLSearchParams(location.search);
  state.filter = { q: (p.get("q") || "").toLowerCase(), event: p.get("event") || "", verdict: p.get("verdict") || "" };
  $("search").value = p.get("q") || "";
  state.wanted = p.has("open") ? Number(p.get("open")) : null;
  $("verdict").value = state.filter.verdict;
  if (state.filter.event) addEvent(state.filter.event);
  $("event").value = state.filter.event;
}

function writeFilter() {
  const p = new URLSearchParams(location.search);
  const set = (k, v) => (v ? p.set(k, v) : p.delete(k));
  set("q", $("search").value);
  set("event", $("event").value);
  set("verdict", $("verdict").value);
  history.replaceState(null, "", "?" + p.toString());
  state.filter = { q: $("search").value.toLowerCase(), event: $("event").value, verdict: $("verdict").value };
  if (state.filter.q) search(); else refilter();
}

async function search() {
  const q = state.filter.q;
  try {
    const r = await api("api/search?q=" + encodeURIComponent(q));
    const j = await r.json();
    if (state.filter.q !== q) return; // typed on meanwhile
    state.hits = new Set(j.ids);
  } catch (_) { state.hits = new Set(); }
  refilter();
}

// New deliveries while searching: ask again, at most a few times a second.
let researching = null;
function research() {
  if (researching) return;
  researching = setTimeout(() => { researching = null; search(); }, 300);
}

// ---- keyboard -------------------------------------------------------------------------------

function move(by) {
  if (!state.shown.length) return;
  let i = state.shown.findIndex((e) => e.d.id === state.selected);
  i = Math.max(0, Math.min(state.shown.length - 1, (i < 0 ? 0 : i + by)));
  state.selected = state.shown[i].d.id;
  const list = $("list");
  if (i * ROW < list.scrollTop) list.scrollTop = i * ROW;
  if ((i + 1) * ROW > list.scrollTop + list.clientHeight) list.scrollTop = (i + 1) * ROW - list.clientHeight;
  render();
}

function keys(ev) {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName);
  if (ev.key === "Escape") { ev.target.blur && ev.target.blur(); return; }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const sel = state.byId.get(state.selected);
  switch (ev.key) {
    case "j": case "ArrowDown": move(1); break;
    case "k": case "ArrowUp": move(-1); break;
    case "Enter": if (sel) open(sel.d.id); break;
    case "r": if (sel) open(sel.d.id).then(() => $("replay").click()); break;
    case "p": if (sel) togglePin(sel); break;
    case "/": $("search").focus(); break;
    default: return;
  }
  ev.preventDefault();
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  readFilter();
  try {
    const info = await (await api("api/info")).json();
    state.keep = info.keep; state.target = info.target; state.signing = info.signing;
    state.file = info.file;
    if (state.file) $("empty").textContent = "No deliveries in " + state.file;
  } catch (_) { /* the stream below says whether the server is there */ }
  const source = new EventSource("api/events?token=" + encodeURIComponent(TOKEN));
  source.onopen = () => { state.live = true; status(); };
  source.onerror = () => { state.live = false; status(); };
  source.onmessage = (m) => receive(JSON.parse(m.data));
  source.addEventListener("dropped", (m) => { state.dropped += Number(m.data) || 0; status(); });
  source.addEventListener("cleared", cleared);
  if (state.filter.q) search();
  $("list").addEventListener("scroll", () => requestAnimationFrame(render));
  window.addEventListener("resize", () => requestAnimationFrame(render));
  $("rows").addEventListener("click", (ev) => {
    const r = ev.target.closest(".row");
    if (r) open(Number(r.dataset.id));
  });
  let typing;
  $("search").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(writeFilter, 120); });
  $("event").addEventListener("change", writeFilter);
  $("verdict").addEventListener("change", writeFilter);
  $("export").addEventListener("click", exportShown);
  $("clear").addEventListener("click", () => api("api/clear", {}));
  document.addEventListener("keydown", keys);
  render();
}

start();
