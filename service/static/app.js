/* chitieu web page: plain JavaScript, no external assets. Routes live in the URL hash. */
"use strict";

const DOC_TYPES = {
  nghi_quyet: "Nghị quyết", chi_thi: "Chỉ thị", ket_luan: "Kết luận", quy_dinh: "Quy định",
  quyet_dinh: "Quyết định", ke_hoach: "Kế hoạch", huong_dan: "Hướng dẫn", chuong_trinh: "Chương trình",
  bao_cao: "Báo cáo", thong_bao: "Thông báo", to_trinh: "Tờ trình", cong_van: "Công văn", de_an: "Đề án",
  tin_tuc: "Tin tức", other: "Khác",
};
const STATUS = { pending: "Đang phân tích", done: "Đã phân tích", failed: "Lỗi" };
const LABELS = {
  PER: "Người", ORG: "Tổ chức", LOC: "Địa danh", DATE: "Thời gian", DOC_REF: "Văn bản",
  PERCENT: "Tỷ lệ", QUANTITY: "Số lượng", MONEY: "Tiền",
};
const CATEGORIES = {
  awareness: "Tuyên truyền, nâng cao nhận thức", planning: "Xây dựng kế hoạch, chỉ tiêu",
  implementation: "Tổ chức thực hiện", organization: "Tổ chức bộ máy, cán bộ", coordination: "Phối hợp",
  inspection: "Kiểm tra, giám sát", reporting: "Báo cáo, sơ kết, tổng kết", resources: "Kinh phí, nguồn lực",
  other: "Khác",
};
const COMPARATORS = { "=": "", ">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", range: "" };

const view = document.getElementById("view");
let pollTimer = null;

/* ------------------------------------------------------------------ helpers */

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function apiHeaders() {
  const key = localStorage.getItem("chitieu.apiKey");
  return key ? { "X-API-Key": key } : {};
}

// what a refusal means, in the page's language; the server's own sentence (English) follows in brackets
const STATUS_TEXT = {
  400: "Yêu cầu không hợp lệ", 401: "Cần khóa API (🔑)", 403: "Khóa API không được phép", 404: "Không tìm thấy",
  409: "Văn bản chưa phân tích xong", 413: "Tệp quá lớn", 415: "Không đọc được loại tệp này",
  422: "Dữ liệu nhập không hợp lệ", 429: "Quá nhiều yêu cầu, hãy thử lại sau", 500: "Lỗi máy chủ",
};

function errorText(status, detail) {
  const said = STATUS_TEXT[status];
  return said ? `Lỗi ${status}: ${said}${detail ? ` (${detail})` : ""}` : `Lỗi ${status}: ${detail || ""}`;
}

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: { ...apiHeaders(), ...(options.headers || {}) } });
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(errorText(res.status, detail));
  }
  return res.status === 204 ? null : res.json();
}

function num(x) {
  return x === null || x === undefined ? "" : Number(x).toLocaleString("vi-VN", { maximumFractionDigits: 4 });
}

function targetValue(t) {
  const v = t.value_max !== null && t.value_max !== undefined ? `${num(t.value)}–${num(t.value_max)}` : num(t.value);
  return `${COMPARATORS[t.comparator] || ""}${v}${t.unit === "%" ? "%" : t.unit ? " " + t.unit : ""}${t.per ? "/" + t.per : ""}`;
}

function period(t) {
  const p = t.period || {};
  if (p.text) return p.text;
  if (p.start || p.end) return [p.start, p.end].filter(Boolean).join(" – ");
  return t.year_start ? String(t.year_start) : "";
}

function docLabel(d) {
  return [DOC_TYPES[d.doc_type] || "", d.number || ""].filter(Boolean).join(" ") || d.filename || `#${d.id}`;
}

function statusBadge(status) {
  return h("span", { class: `badge status-${status}`, "data-status": status }, STATUS[status] || status);
}

function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, `Không tải được dữ liệu (${err.message}).`);
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}

function hashParams() {
  const i = location.hash.indexOf("?");
  return new URLSearchParams(i >= 0 ? location.hash.slice(i + 1) : "");
}

function setNav(name) {
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("active", a.dataset.nav === name));
}

/* ------------------------------------------------------------------ upload + documents */

function uploadFile(file, row) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const bar = row.querySelector("progress");
    const state = row.querySelector(".state");
    xhr.open("POST", "/documents");
    for (const [k, v] of Object.entries(apiHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = e.loaded / e.total; };
    xhr.onload = () => {
      bar.value = 1;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      if (xhr.status === 201 || xhr.status === 200) {
        state.replaceChildren(h("a", { href: `#/van-ban/${body.id}` }, xhr.status === 200 ? "Đã có – xem" : "Đã tải lên – xem"));
      } else {
        state.replaceChildren(h("span", { class: "error" }, errorText(xhr.status, body.detail || xhr.statusText)));
      }
      resolve();
    };
    xhr.onerror = () => { state.replaceChildren(h("span", { class: "error" }, "Lỗi mạng")); resolve(); };
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

async function uploadAll(files, list, onDone) {
  const queue = Array.from(files).map((file) => {
    const row = h("li", {}, h("span", {}, file.name), h("progress", { max: 1, value: 0 }), h("span", { class: "state" }, "Đang tải…"));
    list.append(row);
    return [file, row];
  });
  const workers = Array.from({ length: Math.min(3, queue.length) }, async () => {
    while (queue.length) { const [file, row] = queue.shift(); await uploadFile(file, row); onDone(); }
  });
  await Promise.all(workers);
}

function uploadCard(onDone) {
  const input = h("input", { type: "file", id: "file-input", multiple: true, accept: ".pdf,.docx,.doc,.html,.htm,.txt,.md,application/pdf,text/plain,text/html,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  const list = h("ul", { class: "uploads", id: "upload-list" });
  const drop = h("div", { class: "drop" },
    h("p", {}, "Kéo thả tệp PDF, Word (.docx, .doc), HTML hoặc văn bản (.txt) vào đây, hoặc "),
    h("label", { class: "button", for: "file-input" }, "Chọn tệp…"), input,
    h("p", { class: "muted" }, "Có thể chọn nhiều tệp. Văn bản được phân tích tự động: chỉ tiêu, văn bản dẫn chiếu, thực thể, nhiệm vụ."));
  input.classList.add("hidden");
  input.addEventListener("change", () => { uploadAll(input.files, list, onDone); input.value = ""; });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); uploadAll(e.dataTransfer.files, list, onDone); });
  return h("section", { class: "card" }, h("h1", {}, "Tải văn bản lên"), drop, list);
}

function docTypeSelect(name, value) {
  return h("select", { name }, h("option", { value: "" }, "Tất cả"),
    Object.entries(DOC_TYPES).map(([k, v]) => h("option", { value: k, selected: k === value }, v)));
}

async function showDocuments() {
  setNav("docs");
  const params = hashParams();
  const table = h("div", { id: "documents" });
  const filters = h("form", { class: "filters" },
    h("label", {}, "Loại văn bản", docTypeSelect("doc_type", params.get("doc_type"))),
    h("label", {}, "Cơ quan ban hành", h("input", { name: "issuer", value: params.get("issuer") || "" })),
    h("label", {}, "Từ ngày", h("input", { type: "date", name: "date_from", value: params.get("date_from") || "" })),
    h("label", {}, "Đến ngày", h("input", { type: "date", name: "date_to", value: params.get("date_to") || "" })),
    h("label", {}, "Nội dung", h("input", { name: "text", value: params.get("text") || "" })),
    h("button", { type: "submit" }, "Lọc"));
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = "#/?" + query(Object.fromEntries(new FormData(filters)));
  });
  const offset = Number(params.get("offset") || 0);
  const load = async () => {
    const p = Object.fromEntries(params); p.limit = 25; p.offset = offset;
    try {
      const data = await api("/documents?" + query(p));
      table.replaceChildren(documentsTable(data, offset));
      clearTimeout(pollTimer);
      if (data.items.some((d) => d.status === "pending")) pollTimer = setTimeout(load, 1500);
    } catch (err) { table.replaceChildren(errorBox(err)); }
  };
  view.replaceChildren(uploadCard(load), h("section", { class: "card" }, h("h1", {}, "Văn bản đã tải lên"), filters, table));
  await load();
}

function pager(total, offset, limit, go) {
  const to = Math.min(total, offset + limit);
  return h("div", { class: "pager" },
    h("button", { class: "secondary", disabled: offset <= 0, onclick: () => go(Math.max(0, offset - limit)) }, "‹ Trước"),
    h("span", {}, total ? `${offset + 1}–${to} / ${total}` : "0 kết quả"),
    h("button", { class: "secondary", disabled: to >= total, onclick: () => go(offset + limit) }, "Sau ›"));
}

function documentsTable(data, offset) {
  if (!data.total) return h("p", { class: "muted" }, "Chưa có văn bản nào. Hãy tải lên một tệp PDF hoặc văn bản.");
  const go = (o) => { const p = hashParams(); p.set("offset", o); location.hash = "#/?" + p.toString(); };
  return h("div", {},
    h("table", {},
      h("thead", {}, h("tr", {}, ["Tệp", "Trạng thái", "Loại, số", "Ngày", "Cơ quan ban hành", "Trích yếu", "Chỉ tiêu"].map((c) => h("th", {}, c)))),
      h("tbody", {}, data.items.map((d) => h("tr", { "data-doc-id": d.id },
        h("td", {}, h("a", { href: `#/van-ban/${d.id}` }, d.filename || `#${d.id}`)),
        h("td", {}, statusBadge(d.status), d.error ? h("div", { class: "error" }, d.error) : null),
        h("td", {}, d.status === "done" ? docLabel(d) : ""),
        h("td", {}, d.issued_date || ""),
        h("td", {}, d.issuer || ""),
        h("td", {}, d.title || ""),
        h("td", { class: "num" }, d.status === "done" ? d.counts.targets : ""))))),
    pager(data.total, offset, 25, go));
}

/* ------------------------------------------------------------------ one document */

function unitIndex(text) {
  // the API's offsets count characters (code points); a JavaScript string counts UTF-16 units, two for an emoji or
  // a flag's letters: offset -> index into `text`
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const at = [];
  let u = 0;
  for (const ch of text) { at.push(u); u += ch.length; }
  at.push(u);
  return (i) => at[Math.min(i, at.length - 1)];
}

function highlighted(a) {
  // every span becomes a boundary; each piece carries the kinds of all spans covering it
  const spans = [];
  const u = unitIndex(a.text);
  a.targets.forEach((t) => spans.push({ s: u(t.start), e: u(t.end), cls: "hl-target", attr: ["data-target", t.id] }));
  a.references.forEach((r, i) => spans.push({ s: u(r.start), e: u(r.end), cls: "hl-ref", attr: ["data-ref", String(i)] }));
  a.entities.forEach((e) => spans.push({ s: u(e.start), e: u(e.end), cls: `hl-ent ent-${e.label}`, attr: ["data-label", e.label] }));
  const cuts = new Set([0, a.text.length]);
  spans.forEach((sp) => { cuts.add(sp.s); cuts.add(sp.e); });
  const points = [...cuts].sort((x, y) => x - y);
  const out = h("div", { class: "doc-text", id: "doc-text" });
  // one sweep over the pieces: the spans open at a piece are those begun at or before it and not yet ended
  // (every span's ends are cut points); testing every span at every piece froze the tab on long documents
  spans.sort((x, y) => x.s - y.s);
  let next = 0;
  let active = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const text = a.text.slice(s, e);
    while (next < spans.length && spans[next].s <= s) active.push(spans[next++]);
    active = active.filter((sp) => sp.e > s);
    const covering = active.slice();
    if (!covering.length) { out.append(text); continue; }
    let node = document.createTextNode(text);
    // entities innermost, then references, then targets outermost
    for (const sp of covering.sort((x, y) => rank(x) - rank(y))) {
      const wrap = h("span", { class: sp.cls, [sp.attr[0]]: sp.attr[1], title: titleOf(sp) }, node);
      node = wrap;
    }
    out.append(node);
  }
  return out;
}
function rank(sp) { return sp.cls.startsWith("hl-ent") ? 0 : sp.cls === "hl-ref" ? 1 : 2; }
function titleOf(sp) {
  if (sp.cls === "hl-target") return "Chỉ tiêu";
  if (sp.cls === "hl-ref") return "Văn bản dẫn chiếu";
  return LABELS[sp.attr[1]] || sp.attr[1];
}

function legend() {
  return h("div", { class: "legend" },
    h("span", { class: "hl-target" }, "Chỉ tiêu"), h("span", { class: "hl-ref" }, "Văn bản dẫn chiếu"),
    Object.entries(LABELS).map(([k, v]) => h("span", { class: `hl-ent ent-${k}` }, v)));
}

function flash(selector) {
  const els = document.querySelectorAll(selector);
  if (!els.length) return;
  els[0].scrollIntoView({ block: "center", behavior: "smooth" });
  els.forEach((el) => el.classList.add("flash"));
  setTimeout(() => els.forEach((el) => el.classList.remove("flash")), 1600);
}

function docTargetsTable(a) {
  if (!a.targets.length) return h("p", { class: "muted" }, "Không có chỉ tiêu.");
  return h("table", { id: "doc-targets" },
    h("thead", {}, h("tr", {}, ["Chỉ tiêu", "Giá trị", "Thời hạn", "Chủ thể", "Chỉ số", "Độ tin cậy"].map((c) => h("th", {}, c)))),
    h("tbody", {}, a.targets.map((t) => h("tr", { "data-target-row": t.id },
      h("td", {}, h("a", { href: "javascript:void 0", onclick: () => flash(`[data-target="${t.id}"]`) }, t.metric || t.text)),
      h("td", { class: "num" }, targetValue(t), t.base ? h("div", { class: "muted" }, "so với " + t.base) : null),
      h("td", {}, period(t)),
      h("td", {}, (t.actors || []).join("; ")),
      h("td", {}, t.indicator ? h("a", { href: `#/chi-so/${encodeURIComponent(t.indicator.id)}` }, t.indicator.name) : ""),
      h("td", { class: "num", title: "xác suất mô hình coi số này là chỉ tiêu; trống: đọc từ bảng theo tiêu đề cột, hoặc phân tích trước khi có trường này" },
        t.confidence === null || t.confidence === undefined ? "" : `${Math.round(t.confidence * 100)}%`)))));
}

function guidanceList(a) {
  if (!a.guidance.length) return h("p", { class: "muted" }, "Không có nhiệm vụ.");
  return h("ul", { class: "guidance", id: "doc-guidance" }, a.guidance.map((g) => h("li", {},
    h("span", { class: `cat cat-${g.category}`, "data-category": g.category }, CATEGORIES[g.category] || g.category), " ",
    g.text, g.actors && g.actors.length ? h("div", { class: "muted" }, "Chủ thể: " + g.actors.join("; ")) : null)));
}

function entityChips(a) {
  const groups = {};
  for (const e of a.entities) {
    const g = (groups[e.label] = groups[e.label] || new Map());
    g.set(e.text, (g.get(e.text) || 0) + 1);
  }
  const labels = Object.keys(groups).sort();
  if (!labels.length) return h("p", { class: "muted" }, "Không có thực thể.");
  return h("div", { id: "doc-entities" }, labels.map((label) => h("div", {},
    h("h3", { class: "muted" }, LABELS[label] || label),
    h("div", { class: "chips" }, [...groups[label]].map(([text, n]) =>
      h("span", { class: `chip hl-ent ent-${label}` }, text, n > 1 ? h("b", {}, ` ×${n}`) : null))))));
}

function referencesList(a) {
  if (!a.references.length) return h("p", { class: "muted" }, "Không có văn bản dẫn chiếu.");
  return h("ul", {}, a.references.map((r, i) => h("li", {},
    h("a", { href: "javascript:void 0", onclick: () => flash(`[data-ref="${i}"]`) }, r.text),
    // the body its number's code names, where the text prints none ("07/2021/NĐ-CP": Chính phủ)
    !r.issuer && r.issuer_from_code ? h("span", { class: "muted" }, ` — ${r.issuer_from_code} (theo ký hiệu)`) : null)));
}

async function showDocument(id) {
  setNav("docs");
  clearTimeout(pollTimer);
  let doc;
  try { doc = await api(`/documents/${id}`); } catch (err) { view.replaceChildren(errorBox(err)); return; }
  const del = h("button", { class: "danger", onclick: async () => {
    if (!confirm("Xóa văn bản này?")) return;
    try { await api(`/documents/${id}`, { method: "DELETE" }); location.hash = "#/"; } catch (err) { alert(err.message); }
  } }, "Xóa");
  const head = h("section", { class: "card" },
    h("h1", {}, doc.title || doc.filename || `Văn bản #${id}`),
    h("dl", { class: "meta" },
      h("dt", {}, "Tệp"), h("dd", {}, doc.filename || ""),
      h("dt", {}, "Trạng thái"), h("dd", {}, statusBadge(doc.status), doc.error ? h("span", { class: "error" }, " " + doc.error) : null),
      doc.status === "done" ? [
        h("dt", {}, "Loại, số"), h("dd", {}, docLabel(doc)),
        h("dt", {}, "Ngày ban hành"), h("dd", {}, doc.issued_date || "—"),
        h("dt", {}, "Cơ quan ban hành"), h("dd", {}, doc.issuer || "—"),
      ] : []),
    h("p", {}, doc.status === "done" ? h("a", { href: `/documents/${id}/analysis`, target: "_blank", onclick: (ev) => analysisWithKey(ev, id) }, "JSON phân tích") : null, " ", del));
  if (doc.status === "pending") {
    view.replaceChildren(head, h("p", { class: "muted" }, "Đang phân tích… trang sẽ tự cập nhật."));
    pollTimer = setTimeout(() => { if (location.hash === `#/van-ban/${id}`) showDocument(id); }, 1000);
    return;
  }
  if (doc.status !== "done") { view.replaceChildren(head); return; }
  let a;
  try { a = await api(`/documents/${id}/analysis`); } catch (err) { view.replaceChildren(head, errorBox(err)); return; }
  const notes = (a.warnings || []).length
    ? h("section", { class: "card warnings", id: "doc-warnings" }, h("h2", {}, "Lưu ý khi đọc tệp"), h("ul", {}, a.warnings.map((w) => h("li", {}, w))))
    : null;
  view.replaceChildren(head, ...(notes ? [notes] : []), h("div", { class: "doc-grid" },
    h("section", {}, h("h2", {}, "Nội dung"), legend(), highlighted(a)),
    h("section", {},
      h("div", { class: "card" }, h("h2", {}, `Chỉ tiêu (${a.targets.length})`), docTargetsTable(a)),
      h("div", { class: "card" }, h("h2", {}, `Nhiệm vụ, hướng dẫn (${a.guidance.length})`), guidanceList(a)),
      h("div", { class: "card" }, h("h2", {}, `Văn bản dẫn chiếu (${a.references.length})`), referencesList(a)),
      h("div", { class: "card" }, h("h2", {}, `Thực thể (${a.entities.length})`), entityChips(a)))));
}

/* ------------------------------------------------------------------ targets across documents */

function targetsTable(data, sort, onSort) {
  const cols = [["document_id", "Văn bản"], ["metric", "Chỉ tiêu"], ["value", "Giá trị"], ["year", "Năm"],
    ["issuer", "Cơ quan ban hành"], [null, "Chủ thể"], [null, "Chỉ số"]];
  const arrow = (k) => (sort === k ? " ▲" : sort === "-" + k ? " ▼" : "");
  return h("table", { id: "targets-table" },
    h("thead", {}, h("tr", {}, cols.map(([k, label]) => h("th", k ? {
      class: "sortable", onclick: () => onSort(sort === k ? "-" + k : k), title: "Sắp xếp",
    } : {}, label + (k ? arrow(k) : ""))))),
    h("tbody", {}, data.items.map((t) => h("tr", {},
      h("td", {}, h("a", { href: `#/van-ban/${t.document.id}` }, docLabel(t.document))),
      h("td", {}, t.metric || t.text, h("div", { class: "muted" }, t.text)),
      h("td", { class: "num" }, targetValue(t)),
      h("td", {}, period(t)),
      h("td", {}, t.document.issuer || ""),
      h("td", {}, t.actors.join("; ")),
      h("td", {}, t.indicator ? h("a", { href: `#/chi-so/${encodeURIComponent(t.indicator.id)}` }, t.indicator.name) : "")))));
}

async function downloadCsv(params) {
  const res = await fetch("/targets.csv?" + query(params), { headers: apiHeaders() });
  if (!res.ok) { alert(errorText(res.status, "")); return; }
  saveBlob(await res.blob(), "chitieu-chi-tieu.csv");
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// a plain link sends no key: with one set (reads may need it), fetch the JSON with the key and save it
async function analysisWithKey(ev, id) {
  if (!localStorage.getItem("chitieu.apiKey")) return;
  ev.preventDefault();
  const res = await fetch(`/documents/${id}/analysis`, { headers: apiHeaders() });
  if (!res.ok) { alert(errorText(res.status, "")); return; }
  saveBlob(await res.blob(), `chitieu-van-ban-${id}.json`);
}

async function showTargets() {
  setNav("targets");
  const params = Object.fromEntries(hashParams());
  const limit = 50;
  const offset = Number(params.offset || 0);
  const sort = params.sort || "-year";
  const units = h("datalist", { id: "units" });
  api("/targets/units").then((us) => units.replaceChildren(...us.map((u) => h("option", { value: u.unit })))).catch(() => {});
  const field = (name, label, attrs = {}) => h("label", {}, label, h("input", { name, value: params[name] || "", ...attrs }));
  const filters = h("form", { class: "filters", id: "target-filters" },
    field("text", "Nội dung chỉ tiêu"), field("indicator", "Mã chỉ số"), field("issuer", "Cơ quan, tổ chức"),
    field("location", "Địa bàn"), field("year_from", "Từ năm", { type: "number", min: 1900, max: 2200, style: "width:6rem" }),
    field("year_to", "Đến năm", { type: "number", min: 1900, max: 2200, style: "width:6rem" }),
    h("label", {}, "Loại văn bản", docTypeSelect("doc_type", params.doc_type)),
    field("unit", "Đơn vị", { list: "units", style: "width:8rem" }), units,
    h("button", { type: "submit" }, "Lọc"),
    h("button", { type: "button", class: "secondary", id: "csv", onclick: () => downloadCsv(current()) }, "Tải CSV"));
  const current = () => ({ ...Object.fromEntries(new FormData(filters)), sort });
  filters.addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#/chi-tieu?" + query(current()); });
  const box = h("div", {}, h("p", { class: "muted" }, "Đang tải…"));
  view.replaceChildren(h("section", { class: "card" }, h("h1", {}, "Chỉ tiêu trong các văn bản"), filters, box));
  try {
    const data = await api("/targets?" + query({ ...params, sort, limit, offset }));
    const go = (o) => { location.hash = "#/chi-tieu?" + query({ ...params, offset: o }); };
    const onSort = (s) => { location.hash = "#/chi-tieu?" + query({ ...params, sort: s, offset: 0 }); };
    box.replaceChildren(data.total ? targetsTable(data, sort, onSort) : h("p", { class: "muted" }, "Không có chỉ tiêu phù hợp."),
      pager(data.total, offset, limit, go));
  } catch (err) { box.replaceChildren(errorBox(err)); }
}

/* ------------------------------------------------------------------ indicators, entities, search */

async function showIndicators() {
  setNav("indicators");
  const params = Object.fromEntries(hashParams());
  const form = h("form", { class: "filters" },
    h("label", {}, "Tên chỉ số", h("input", { name: "text", value: params.text || "" })),
    h("label", {}, h("span", {}, "Chỉ những chỉ số có chỉ tiêu"), h("input", { type: "checkbox", name: "used", value: "true", checked: params.used === "true" })),
    h("button", { type: "submit" }, "Lọc"));
  form.addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#/chi-so?" + query(Object.fromEntries(new FormData(form))); });
  const box = h("div", {});
  view.replaceChildren(h("section", { class: "card" }, h("h1", {}, "Chỉ số"), form, box));
  try {
    const data = await api("/indicators?" + query({ ...params, limit: 500 }));
    box.replaceChildren(data.total ? h("table", {},
      h("thead", {}, h("tr", {}, ["Chỉ số", "Đơn vị", "Kỳ", "Chỉ tiêu", "Văn bản"].map((c) => h("th", {}, c)))),
      h("tbody", {}, data.items.map((i) => h("tr", {},
        h("td", {}, h("a", { href: `#/chi-so/${encodeURIComponent(i.id)}` }, i.name), h("div", { class: "muted" }, i.id)),
        h("td", {}, i.unit || ""), h("td", {}, i.period || ""),
        h("td", { class: "num" }, i.targets), h("td", { class: "num" }, i.documents)))))
      : h("p", { class: "muted" }, "Chưa có chỉ số nào."));
  } catch (err) { box.replaceChildren(errorBox(err)); }
}

async function showIndicator(id) {
  setNav("indicators");
  try {
    const data = await api(`/indicators/${encodeURIComponent(id)}/targets?limit=500`);
    const i = data.indicator;
    view.replaceChildren(h("section", { class: "card" },
      h("h1", {}, i.name),
      h("dl", { class: "meta" }, h("dt", {}, "Mã"), h("dd", {}, i.id),
        h("dt", {}, "Đơn vị"), h("dd", {}, i.unit || "—"), h("dt", {}, "Kỳ"), h("dd", {}, i.period || "—"),
        i.aliases.length ? [h("dt", {}, "Tên khác"), h("dd", {}, i.aliases.join("; "))] : [],
        h("dt", {}, "Nguồn"), h("dd", {}, i.source || "—")),
      h("h2", {}, `Chỉ tiêu trong các văn bản (${data.total})`),
      data.total ? targetsTable(data, "", () => {}) : h("p", { class: "muted" }, "Chưa có chỉ tiêu nào gắn với chỉ số này."),
      h("p", {}, h("a", { href: `#/chi-tieu?indicator=${encodeURIComponent(id)}` }, "Lọc và tải CSV"))));
  } catch (err) { view.replaceChildren(errorBox(err)); }
}

async function showEntities() {
  setNav("entities");
  const params = Object.fromEntries(hashParams());
  const form = h("form", { class: "filters" },
    h("label", {}, "Loại", h("select", { name: "label" }, h("option", { value: "" }, "Tất cả"),
      Object.entries(LABELS).map(([k, v]) => h("option", { value: k, selected: k === params.label }, v)))),
    h("label", {}, "Tên", h("input", { name: "text", value: params.text || "" })),
    h("button", { type: "submit" }, "Lọc"));
  form.addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#/thuc-the?" + query(Object.fromEntries(new FormData(form))); });
  const box = h("div", {});
  view.replaceChildren(h("section", { class: "card" }, h("h1", {}, "Thực thể được nhắc đến"), form, box));
  const offset = Number(params.offset || 0);
  try {
    const data = await api("/entities?" + query({ ...params, limit: 100, offset }));
    const go = (o) => { location.hash = "#/thuc-the?" + query({ ...params, offset: o }); };
    box.replaceChildren(h("table", {},
      h("thead", {}, h("tr", {}, ["Loại", "Tên", "Số lần", "Số văn bản"].map((c) => h("th", {}, c)))),
      h("tbody", {}, data.items.map((e) => h("tr", {},
        h("td", {}, h("span", { class: `hl-ent ent-${e.label}` }, LABELS[e.label] || e.label)),
        h("td", {}, h("a", { href: "#/tim-kiem?" + query({ q: e.text }) }, e.text)),
        h("td", { class: "num" }, e.mentions), h("td", { class: "num" }, e.documents))))),
      pager(data.total, offset, 100, go));
  } catch (err) { box.replaceChildren(errorBox(err)); }
}

function markedSnippet(text, marks) {
  const out = h("p", {});
  const u = unitIndex(text);
  let at = 0;
  for (const [s, e] of marks.map(([s, e]) => [u(s), u(e)])) {
    out.append(text.slice(at, s), h("mark", {}, text.slice(s, e)));
    at = e;
  }
  out.append(text.slice(at));
  return out;
}

async function showSearch() {
  setNav("");
  const q = hashParams().get("q") || "";
  document.getElementById("search-q").value = q;
  const box = h("div", {});
  view.replaceChildren(h("section", { class: "card" }, h("h1", {}, `Kết quả tìm kiếm: “${q}”`), box));
  if (!q.trim()) return;
  try {
    const data = await api("/search?" + query({ q, limit: 50 }));
    box.replaceChildren(h("p", { class: "muted" }, `${data.total} văn bản`), h("ol", { id: "search-results" },
      data.items.map((it) => h("li", {},
        h("a", { href: `#/van-ban/${it.document.id}` }, it.document.title || it.document.filename || `#${it.document.id}`),
        " ", h("span", { class: "muted" }, docLabel(it.document)),
        markedSnippet(it.snippet, it.highlights)))));
  } catch (err) { box.replaceChildren(errorBox(err)); }
}

/* ------------------------------------------------------------------ router */

function route() {
  clearTimeout(pollTimer);
  try {
    dispatch();
  } catch (err) {
    if (!(err instanceof URIError)) throw err;
    // an address edited by hand ("#/chi-so/%E0%A4%A": a broken escape) says so instead of leaving the old view
    view.replaceChildren(h("section", { class: "card" },
      h("p", { class: "error", role: "alert" }, `Địa chỉ không hợp lệ (${err.message}).`)));
  }
}

function dispatch() {
  const path = location.hash.replace(/^#/, "").split("?")[0] || "/";
  let m;
  if ((m = path.match(/^\/van-ban\/(\d+)$/))) return showDocument(m[1]);
  if (path === "/chi-tieu") return showTargets();
  if ((m = path.match(/^\/chi-so\/(.+)$/))) return showIndicator(decodeURIComponent(m[1]));
  if (path === "/chi-so") return showIndicators();
  if (path === "/thuc-the") return showEntities();
  if (path === "/tim-kiem") return showSearch();
  return showDocuments();
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  location.hash = "#/tim-kiem?" + query({ q: document.getElementById("search-q").value });
});
const keyInput = document.getElementById("api-key");
keyInput.value = localStorage.getItem("chitieu.apiKey") || "";
keyInput.addEventListener("change", () => { localStorage.setItem("chitieu.apiKey", keyInput.value.trim()); route(); });
window.addEventListener("hashchange", route);
route();
