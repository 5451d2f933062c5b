// vanban review: the page's only script. It reads and writes through the JSON API alone.
"use strict";
const $ = (s, el = document) => el.querySelector(s);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e[k] = v; else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k instanceof Node ? k : String(k ?? ""));
  return e;
};
const FIELDS = ["number", "type", "date", "place", "authority", "parent_authority", "title", "signer", "signer_title"];
let doc = null, cur = -1;

async function api(path, body) {
  const r = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const v = await r.json();
  if (!r.ok) throw new Error(v.error || r.statusText);
  return v;
}

async function route() {
  hideTok();
  const m = location.hash.match(/^#\/doc\/([^/]+)$/);
  try {
    if (m) await showDoc(decodeURIComponent(m[1])); else await showList();
  } catch (e) {
    $("#app").replaceChildren(el("p", { class: "err" }, e.message));
  }
}

async function showList() {
  doc = null;
  const q = new URLSearchParams(sessionStorage.getItem("filters") || "");
  const list = await api("/api/documents?" + q);
  const all = q.toString() ? await api("/api/documents") : list;
  $("#where").textContent = `${list.length} document(s)`;
  const types = [...new Set(all.flatMap(d => [d.type, d.kind]).filter(Boolean))].sort();
  const sel = (name, opts) => {
    const s = el("select", { id: "f-" + name, onchange: () => {
      const f = new URLSearchParams(sessionStorage.getItem("filters") || "");
      if (s.value) f.set(name, s.value); else f.delete(name);
      sessionStorage.setItem("filters", f.toString());
      showList();
    } }, el("option", { value: "" }, "all"), ...opts.map(o => el("option", { value: o }, o)));
    s.value = q.get(name) || "";
    return el("label", {}, name + " ", s);
  };
  const rows = list.map(d => el("tr", { class: d.status },
    el("td", {}, el("a", { class: "doc", "data-id": d.id, href: "#/doc/" + encodeURIComponent(d.id) }, d.path)),
    el("td", {}, d.type || d.kind || ""), el("td", {}, d.number || ""),
    el("td", {}, d.status === "error" ? "error: " + (d.error || "") : d.reviewed ? "reviewed" : "to review"),
    el("td", {}, d.pending), el("td", {}, d.corrections)));
  $("#app").replaceChildren(
    el("div", { class: "filters" }, sel("status", ["pending", "reviewed", "ok", "error"]), sel("type", types)),
    el("table", { id: "docs" }, el("tr", {}, ...["document", "type", "number", "status", "doubtful", "corrections"].map(h => el("th", {}, h))), ...rows));
}

function lows() { return (doc.restoration && doc.restoration.low_confidence_tokens) || []; }

async function showDoc(id) {
  doc = await api("/api/documents/" + encodeURIComponent(id));
  render();
}

function render() {
  const r = doc.review;
  $("#where").textContent = `${doc.source.path} · ${r.pending} doubtful left · ${r.corrections} correction(s)`;
  const pages = el("div", { class: "pages" });
  for (let p = 1; p <= r.pages; p++) {
    pages.append(el("div", { class: "page", "data-page": p },
      el("img", { src: `/api/documents/${encodeURIComponent(r.id)}/pages/${p}`, alt: "page " + p, loading: "lazy" })));
  }
  const block = el("div", { class: "block" }, el("b", {}, "Document block"));
  for (const f of FIELDS) {
    const v = doc.document ? doc.document[f] : null;
    const inp = el("input", { name: f, value: v ?? "" });
    const save = () => post({ document: r.id, field: f, text: inp.value === "" ? null : inp.value });
    inp.onkeydown = e => { if (e.key === "Enter") { e.preventDefault(); save(); } };
    block.append(el("label", { class: r.fields_edited.includes(f) ? "edited" : "" }, f, inp,
      el("button", { type: "button", onclick: save }, "Save")));
  }
  const text = Array.from(doc.text ? doc.text.restored : "");
  const pre = el("pre", { class: "restored", id: "restored" });
  let at = 0;
  lows().forEach((t, i) => {
    const [s, e] = t.span;
    if (s < at) return;
    pre.append(text.slice(at, s).join(""));
    pre.append(el("mark", { class: "low " + t.review, "data-i": i, title: `confidence ${t.confidence}`,
      onclick: () => select(i) }, text.slice(s, e).join("")));
    at = e;
  });
  pre.append(text.slice(at).join(""));
  const side = el("div", { class: "text" }, block,
    doc.status === "error" ? el("p", { class: "err" }, `${doc.error.kind}: ${doc.error.message}`) : pre);
  $("#app").replaceChildren(el("div", { class: "doc-view" }, pages, side));
  if (cur >= 0 && cur < lows().length) select(cur);
}

function select(i) {
  const toks = lows();
  if (i < 0 || i >= toks.length) return;
  cur = i;
  document.querySelectorAll("mark.current").forEach(m => m.classList.remove("current"));
  const m = $(`mark.low[data-i="${i}"]`);
  if (m) { m.classList.add("current"); m.scrollIntoView({ block: "nearest" }); }
  const t = toks[i];
  $("#tok-text").textContent = t.text;
  $("#tok-conf").textContent = `confidence ${t.confidence.toFixed(2)} · ${t.review}`;
  $("#tok-raw").textContent = t.raw;
  $("#tok-where").textContent = t.page ? `page ${t.page}` : "";
  const alts = (t.alternatives || []).map((a, k) => el("button", { type: "button", class: "alt",
    onclick: () => correct(a.text) }, `${k + 1}. ${a.text} (${a.confidence.toFixed(2)})`));
  $("#tok-alts").replaceChildren(...(alts.length ? alts : [el("i", {}, "no other reading")]));
  $("#tok-input").value = t.text;
  $("#tok-msg").textContent = "";
  $("#tok").hidden = false;
  document.querySelectorAll(".hl").forEach(h => h.remove());
  if (t.page && t.box) {
    const pg = $(`.page[data-page="${t.page}"]`);
    if (pg) {
      const [x0, y0, x1, y1] = t.box;
      const hl = el("div", { class: "hl", style: `left:${x0 * 100}%;top:${y0 * 100}%;width:${(x1 - x0) * 100}%;height:${(y1 - y0) * 100}%` });
      pg.append(hl);
      hl.scrollIntoView({ block: "center" });
    }
  }
}

function hideTok() { $("#tok").hidden = true; cur = -1; }

async function post(body) {
  try {
    doc = await api("/api/corrections", body);
    render();
    $("#tok-msg").textContent = "saved";
  } catch (e) {
    $("#tok-msg").textContent = e.message;
    $("#tok-msg").className = "err";
  }
}

async function correct(text) {
  const t = lows()[cur];
  if (!t) return;
  const i = cur;
  await post({ document: doc.review.id, span: t.span, text });
  // On to the next doubtful token.
  const next = lows().findIndex((x, k) => k > i && x.review === "pending");
  if (next >= 0) select(next); else select(i);
}

function step(dir) {
  const toks = lows();
  if (!toks.length) return;
  let i = cur;
  for (let n = 0; n < toks.length; n++) {
    i = (i + dir + toks.length) % toks.length;
    if (toks[i].review === "pending") return select(i);
  }
  select((cur + dir + toks.length) % toks.length);
}

$("#tok-form").onsubmit = e => { e.preventDefault(); correct($("#tok-input").value); };
$("#tok-accept").onclick = () => { const t = lows()[cur]; if (t) correct(t.text); };
document.addEventListener("keydown", e => {
  if (!doc || e.target.tagName === "INPUT" && e.key !== "Escape") return;
  const t = lows()[cur];
  if (e.key === "j" || e.key === "n") step(1);
  else if (e.key === "k" || e.key === "p") step(-1);
  else if (e.key === "Enter" && t) correct(t.text);
  else if (/^[1-3]$/.test(e.key) && t && t.alternatives[+e.key - 1]) correct(t.alternatives[+e.key - 1].text);
  else if (e.key === "e" && t) { e.preventDefault(); $("#tok-input").focus(); $("#tok-input").select(); }
  else if (e.key === "Escape") { e.target.blur && e.target.blur(); hideTok(); }
  else return;
  e.preventDefault();
});
window.addEventListener("hashchange", route);
route();
