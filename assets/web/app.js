// The record form of `vanban serve`: drawn from the form spec the server derives from the
// record's JSON Schema (src/serve/form.rs), checked and previewed by the server as the
// user types, saved with a content hash, and kept in localStorage until saved.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="vanban-csrf"]').content;
  const name = document.querySelector('meta[name="vanban-ten"]').content;
  const DRAFT_KEY = "vanban:nhap:" + location.host + ":" + name;
  const DEBOUNCE_MS = 120;
  const DOC_NAMES = { "giao-uoc": "Giao ước", "tin-bai": "Tin bài", "to-trinh": "Tờ trình", "bien-ban": "Biên bản" };

  let spec = null;
  let awards = [];
  let authorities = [];
  let model = {};
  let hash = "";
  let hasComments = false;
  let commentsAccepted = false;
  let dirty = false;
  let problems = [];
  let chosenDoc = null;
  let timer = null;
  let seq = 0;
  let inflight = null;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids) if (k) e.appendChild(typeof k === "string" ? document.createTextNode(k) : k);
    return e;
  };
  const idOf = (path) => "f-" + path.replace(/[\[\].]+/g, "-").replace(/-$/, "");

  async function call(method, url, body) {
    const r = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", "X-Vanban-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return r;
  }

  function notice(html, kind) {
    const box = el("div", { class: "hop-thoai" + (kind === "loi" ? " loi" : ""), role: kind === "loi" ? "alert" : "status" });
    if (typeof html === "string") box.textContent = html; else box.appendChild(html);
    $("thong-bao").appendChild(box);
    return box;
  }

  // ---- the model ------------------------------------------------------------------

  const members = () => (model.thanh_vien || []).filter((m) => m && m.id);
  const meetings = () => (model.hoi_nghi || []).map((m, i) => ({ id: (m && m.id) || "", i }));

  function changed(structural) {
    dirty = true;
    $("trang-thai-luu").textContent = "Chưa lưu";
    try { localStorage.setItem(DRAFT_KEY, JSON.stringify({ ho_so: model, bam: hash, luc: new Date().toISOString() })); } catch (_) { /* storage full or off */ }
    if (structural) draw();
    schedule();
  }

  // ---- drawing the form ------------------------------------------------------------

  function labelText(f, suffix) {
    return f.label + (suffix || "");
  }

  function helpFor(f, id) {
    return f.help ? el("div", { class: "goi-y", id: id + "-goi-y" }, f.help) : null;
  }

  function describedBy(f, id) {
    return f.help ? id + "-goi-y" : null;
  }

  function scalarControl(f, path, get, set, labelSuffix) {
    const id = idOf(path);
    const wrap = el("div", { class: "o " + f.kind, "data-path": path });
    const lab = el("label", { for: id }, labelText(f, labelSuffix));
    if (f.required) lab.appendChild(el("span", { class: "bat-buoc", "aria-hidden": "true" }, " *"));
    const common = { id, "data-path": path, "aria-describedby": describedBy(f, id), "aria-required": f.required ? "true" : null };
    let input;
    const v = get();
    const selectOf = (options, current) => {
      const s = el("select", common);
      let found = false;
      for (const [val, text] of options) {
        const o = el("option", { value: val }, text);
        if (String(val) === String(current ?? "")) { o.selected = true; found = true; }
        s.appendChild(o);
      }
      if (!found && current !== undefined && current !== null && current !== "") {
        const o = el("option", { value: current }, current + " (không có trong danh sách)");
        o.selected = true;
        s.appendChild(o);
      }
      return s;
    };
    switch (f.kind) {
      case "bool":
        input = el("input", Object.assign({ type: "checkbox" }, common));
        input.checked = !!v;
        input.addEventListener("change", () => { set(input.checked); changed(false); });
        wrap.append(input, " ", lab);
        break;
      case "number":
        input = el("input", Object.assign({ type: "number", step: "1", inputmode: "numeric" }, common));
        input.value = v ?? "";
        input.addEventListener("input", () => {
          const n = parseInt(input.value, 10);
          set(Number.isNaN(n) ? null : n);
          changed(false);
        });
        break;
      case "docnum":
        input = el("input", Object.assign({ type: "text", inputmode: "numeric", pattern: "[0-9]*" }, common));
        input.value = v ?? "";
        input.addEventListener("input", () => { set(input.value.trim() === "" ? null : input.value.trim()); changed(false); });
        break;
      case "date":
        input = el("input", Object.assign({ type: "date" }, common));
        input.value = v || "";
        input.addEventListener("input", () => { set(input.value); changed(false); });
        break;
      case "time":
        input = el("input", Object.assign({ type: "time" }, common));
        input.value = v || "";
        input.addEventListener("input", () => { set(input.value); changed(false); });
        break;
      case "textarea":
        input = el("textarea", Object.assign({ rows: "2" }, common));
        input.value = v || "";
        input.addEventListener("input", () => { set(input.value); changed(false); });
        break;
      case "choice": {
        input = selectOf(f.options.map(([val, t]) => [val, t]), v);
        input.addEventListener("change", () => {
          const opt = f.options.find(([val]) => String(val) === input.value);
          const val = opt ? opt[0] : input.value;
          set(val === "" ? null : val);
          changed(false);
        });
        break;
      }
      case "member":
        input = selectOf([["", "(chưa chọn)"]].concat(members().map((m) => [m.id, m.id + " — " + (m.ten || "")])), v);
        input.addEventListener("change", () => { set(input.value); changed(false); });
        break;
      case "meeting":
        input = selectOf([["", "(hội nghị duy nhất)"]].concat(meetings().filter((m) => m.id).map((m) => [m.id, m.id])), v);
        input.addEventListener("change", () => { set(input.value); changed(false); });
        break;
      case "award":
        input = selectOf([["", "(chưa chọn)"]].concat(awards.map((a) => [a.id, a.ten])), v);
        input.addEventListener("change", () => { set(input.value); changed(false); });
        break;
      case "authority":
        input = selectOf([["", "(chưa chọn)"]].concat(authorities.map((a) => [a.id, a.ten])), v);
        input.addEventListener("change", () => { set(input.value); changed(false); });
        break;
      case "photo": {
        input = el("input", Object.assign({ type: "text" }, common));
        input.value = v || "";
        input.addEventListener("input", () => { set(input.value); changed(false); });
        const fileId = id + "-tai-len";
        const file = el("input", { type: "file", id: fileId, accept: "image/png,image/jpeg", class: "an-di" });
        const fileLab = el("label", { for: fileId, class: "nut" }, "Tải ảnh lên");
        file.addEventListener("change", async () => {
          if (!file.files.length) return;
          const up = file.files[0];
          const r = await fetch("/api/anh?ten=" + encodeURIComponent(up.name), { method: "POST", headers: { "X-Vanban-Token": csrf }, body: up });
          const d = await r.json().catch(() => ({}));
          if (!r.ok) { notice(d.loi || "Không tải ảnh lên được.", "loi"); return; }
          input.value = d.tep;
          set(d.tep);
          changed(false);
        });
        const row = el("div", { class: "anh-o" }, input, fileLab, file);
        wrap.append(lab, row);
        const h = helpFor(f, id);
        if (h) wrap.appendChild(h);
        return wrap;
      }
      default:
        input = el("input", Object.assign({ type: "text" }, common));
        input.value = v ?? "";
        input.addEventListener("input", () => { set(input.value); changed(false); });
        if (path.startsWith("thanh_vien[")) {
          input.addEventListener("paste", (e) => pasteMembers(e, path));
          // Member ids and names feed the choices elsewhere: redraw once the user leaves.
          if (/\.(id|ten)$/.test(path)) input.addEventListener("change", () => draw());
        }
    }
    if (f.kind !== "bool") wrap.append(lab, input);
    const h = helpFor(f, id);
    if (h) wrap.appendChild(h);
    return wrap;
  }

  function membersControl(f, path, get, set) {
    const id = idOf(path);
    const box = el("fieldset", { class: "o nhieu", "data-path": path, id, "aria-describedby": describedBy(f, id) });
    box.appendChild(el("legend", {}, f.label));
    const chosen = new Set(get() || []);
    const ms = members();
    if (!ms.length) box.appendChild(el("p", { class: "goi-y" }, "Chưa có thành viên nào có mã."));
    ms.forEach((m, i) => {
      const cid = id + "-" + i;
      const c = el("input", { type: "checkbox", id: cid, value: m.id });
      c.checked = chosen.has(m.id);
      c.addEventListener("change", () => {
        const now = ms.filter((x, j) => document.getElementById(id + "-" + j).checked).map((x) => x.id);
        set(now);
        changed(false);
      });
      box.appendChild(el("label", { for: cid }, c, " " + (m.ten || m.id)));
    });
    const h = helpFor(f, id);
    if (h) box.appendChild(h);
    return box;
  }

  function emptyOf(f) {
    if (f.kind === "object") return {};
    if (f.kind === "list" || f.kind === "members") return [];
    return f.kind === "number" || f.kind === "docnum" ? null : "";
  }

  function listControl(f, path, get, set) {
    const id = idOf(path);
    const box = el("fieldset", { class: "danh-sach", "data-path": path, id });
    box.appendChild(el("legend", {}, f.label));
    const h = helpFor(f, id);
    if (h) box.appendChild(h);
    const items = get() || [];
    const itemName = f.item_label || f.label;
    items.forEach((value, i) => {
      const ipath = path + "[" + i + "]";
      const n = itemName + " " + (i + 1);
      const head = el("div", { class: "muc-dau" },
        el("span", { class: "ten-muc" }, n),
        el("button", { type: "button", "aria-label": "Chuyển " + n + " lên", disabled: i === 0, onclick: () => move(i, -1) }, "↑"),
        el("button", { type: "button", "aria-label": "Chuyển " + n + " xuống", disabled: i === items.length - 1, onclick: () => move(i, 1) }, "↓"),
        el("button", { type: "button", class: "nguy", "aria-label": "Xóa " + n, onclick: () => { items.splice(i, 1); set(items.length ? items : null); changed(true); focusAfter(path, i); } }, "Xóa"));
      const item = el("div", { class: "muc", "data-path": ipath }, head);
      const getI = () => items[i];
      const setI = (v) => { items[i] = v; };
      if (f.item.kind === "object") {
        if (!items[i] || typeof items[i] !== "object") items[i] = {};
        item.appendChild(objectBody(f.item, ipath, items[i]));
      } else {
        item.appendChild(scalarControl(f.item, ipath, getI, setI, " " + (i + 1)));
      }
      box.appendChild(item);
    });
    function move(i, d) {
      const j = i + d;
      [items[i], items[j]] = [items[j], items[i]];
      set(items);
      changed(true);
      const b = document.querySelector('[data-path="' + path + "[" + j + ']"] .muc-dau button[aria-label^="Chuyển"]' + (d < 0 ? "" : ":last-of-type"));
      if (b && !b.disabled) b.focus();
    }
    const add = el("button", { type: "button", "data-them": path, onclick: () => {
      const arr = get() || [];
      arr.push(emptyOf(f.item));
      set(arr);
      changed(true);
      const first = document.querySelector('[data-path="' + path + "[" + (arr.length - 1) + ']"] input, [data-path="' + path + "[" + (arr.length - 1) + ']"] select, [data-path="' + path + "[" + (arr.length - 1) + ']"] textarea');
      if (first) first.focus();
    } }, "Thêm " + itemName.toLowerCase());
    box.appendChild(add);
    return box;
  }

  function focusAfter(path, i) {
    const next = document.querySelector('[data-path="' + path + "[" + i + ']"] input, [data-path="' + path + "[" + i + ']"] textarea') ||
      document.querySelector('[data-them="' + path + '"]');
    if (next) next.focus();
  }

  function objectBody(f, path, obj) {
    const frag = el("div", { class: "nhom" });
    for (const c of f.children) {
      const cpath = path ? path + "." + c.key : c.key;
      frag.appendChild(fieldControl(c, cpath, () => obj[c.key], (v) => {
        if (v === null || v === undefined) delete obj[c.key]; else obj[c.key] = v;
      }));
    }
    return frag;
  }

  function fieldControl(f, path, get, set) {
    if (f.kind === "object") {
      const id = idOf(path);
      const box = el("fieldset", { "data-path": path, id });
      box.appendChild(el("legend", {}, f.label));
      const h = helpFor(f, id);
      if (h) box.appendChild(h);
      let v = get();
      if ((v === undefined || v === null) && f.optional) {
        box.appendChild(el("button", { type: "button", "data-them": path, onclick: () => { set({}); changed(true); focusFirst(path); } }, "Thêm " + f.label.toLowerCase()));
        return box;
      }
      if (v === undefined || v === null || typeof v !== "object") { v = {}; set(v); }
      box.appendChild(objectBody(f, path, v));
      if (f.optional) {
        box.appendChild(el("button", { type: "button", class: "nguy", "data-bo": path, onclick: () => {
          if (!confirm("Bỏ mục «" + f.label + "» khỏi hồ sơ?")) return;
          set(null); changed(true); focusFirst(path);
        } }, "Bỏ " + f.label.toLowerCase()));
      }
      return box;
    }
    if (f.kind === "list") return listControl(f, path, get, set);
    if (f.kind === "members") return membersControl(f, path, get, set);
    return scalarControl(f, path, get, set);
  }

  function focusFirst(path) {
    const e = document.querySelector('[data-path="' + path + '"] input, [data-path="' + path + '"] select, [data-path="' + path + '"] textarea, [data-path="' + path + '"] button');
    if (e) e.focus();
  }

  function draw() {
    const form = $("bieu-mau");
    const active = document.activeElement && document.activeElement.id;
    form.innerHTML = "";
    form.appendChild(objectBody(spec, "", model));
    showProblems();
    if (active && document.getElementById(active)) document.getElementById(active).focus();
  }

  // ---- pasting members from Excel ---------------------------------------------------

  function initials(text) {
    const plain = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
    return plain.split(/\s+/).filter(Boolean).map((w) => w[0].toLowerCase()).join("").replace(/[^a-z0-9]/g, "");
  }

  function pasteMembers(e, path) {
    const text = (e.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const m = /^thanh_vien\[(\d+)\]\.(\w+)$/.exec(path);
    if (!m) return;
    const cols = ["id", "ten", "ten_viet_tat"];
    let start = cols.indexOf(m[2]);
    if (start < 0) start = 1;
    const rows = text.replace(/\r/g, "").split("\n").filter((r) => r.trim() !== "");
    const list = model.thanh_vien || (model.thanh_vien = []);
    const taken = new Set(list.map((x) => x && x.id).filter(Boolean));
    rows.forEach((row, k) => {
      const cells = row.split("\t").map((c) => c.trim());
      const i = Number(m[1]) + k;
      const mem = list[i] && typeof list[i] === "object" ? list[i] : (list[i] = {});
      cells.forEach((c, j) => { const key = cols[start + j]; if (key && c !== "") mem[key] = c; });
      if (!mem.id && mem.ten) {
        let id = initials(mem.ten) || "tv";
        let n = 2;
        const base = id;
        while (taken.has(id)) id = base + n++;
        mem.id = id;
        taken.add(id);
      }
    });
    changed(true);
    notice("Đã dán " + rows.length + " dòng vào danh sách thành viên.");
  }

  // ---- problems --------------------------------------------------------------------

  function controlFor(path) {
    let p = path;
    while (p) {
      const e = document.querySelector('[data-path="' + CSS.escape(p) + '"]');
      if (e) {
        const input = e.matches("input,select,textarea") ? e : e.querySelector("input,select,textarea,button");
        return { box: e, input: input || e };
      }
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      p = cut > 0 ? p.slice(0, cut) : "";
    }
    return null;
  }

  function showProblems() {
    document.querySelectorAll(".van-de").forEach((n) => n.remove());
    document.querySelectorAll("[aria-invalid]").forEach((n) => {
      n.removeAttribute("aria-invalid");
      const d = (n.getAttribute("aria-describedby") || "").split(" ").filter((x) => !x.startsWith("vd-")).join(" ");
      if (d) n.setAttribute("aria-describedby", d); else n.removeAttribute("aria-describedby");
    });
    const sum = $("tom-tat");
    sum.innerHTML = "";
    const errors = problems.filter((p) => p.muc === "loi").length;
    const warnings = problems.length - errors;
    const frame = el("div", { class: "khung" + (problems.length ? "" : " tot") });
    frame.appendChild(el("strong", {}, problems.length ? ("Hồ sơ có " + errors + " lỗi, " + warnings + " cảnh báo") : "Hồ sơ hợp lệ"));
    const ul = el("ul");
    problems.forEach((p, k) => {
      const at = controlFor(p.duong_dan);
      const words = p.thong_bao + (p.goi_y ? " — " + p.goi_y : "");
      const vid = "vd-" + k;
      if (at) {
        const msg = el("div", { class: "van-de " + p.muc, id: vid }, words);
        if (at.input.tagName === "FIELDSET" || at.box.tagName === "FIELDSET") {
          const legend = at.box.querySelector(":scope > legend");
          if (legend) legend.after(msg); else at.box.prepend(msg);
        } else at.box.appendChild(msg);
        if (p.muc === "loi" && at.input.matches("input,select,textarea")) at.input.setAttribute("aria-invalid", "true");
        const d = at.input.getAttribute("aria-describedby");
        at.input.setAttribute("aria-describedby", (d ? d + " " : "") + vid);
      }
      const target = at && at.input.id ? "#" + at.input.id : null;
      const link = target ? el("a", { href: target, onclick: (e) => { e.preventDefault(); at.input.focus(); at.input.scrollIntoView({ block: "center" }); } }, words) : el("span", {}, words);
      ul.appendChild(el("li", { class: p.muc }, (p.truong ? p.truong + ": " : ""), link));
    });
    if (problems.length) frame.appendChild(ul);
    sum.appendChild(frame);
  }

  // ---- check and preview -------------------------------------------------------------

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  }

  async function refresh() {
    const mine = ++seq;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    let d;
    const started = performance.now();
    try {
      const r = await fetch("/api/xem-truoc", {
        method: "POST",
        signal: inflight.signal,
        headers: { "Content-Type": "application/json", "X-Vanban-Token": csrf },
        body: JSON.stringify({ ten: name, ho_so: model, van_ban: chosenDoc }),
      });
      d = await r.json();
      if (!r.ok) { $("xem-truoc-loi").textContent = d.loi || ("Lỗi " + r.status); return; }
    } catch (err) {
      if (err.name !== "AbortError") $("xem-truoc-loi").textContent = "Không kết nối được với vanban serve; kiểm tra chương trình còn chạy.";
      return;
    }
    if (mine !== seq) return;
    problems = d.van_de || [];
    showProblems();
    const sel = $("chon-van-ban");
    const avail = d.co_van_ban || [];
    sel.innerHTML = "";
    avail.forEach((doc) => sel.appendChild(el("option", { value: doc }, DOC_NAMES[doc] || doc)));
    if (d.dang_xem) chosenDoc = d.dang_xem;
    if (chosenDoc) sel.value = chosenDoc;
    $("tai-html").hidden = chosenDoc !== "tin-bai";
    $("xem-truoc-loi").textContent = d.loi_xem_truoc || "";
    const pages = $("xem-truoc");
    if (d.loi_xem_truoc) { pages.dataset.trang = "0"; return; }
    pages.innerHTML = "";
    let count = 0;
    for (const doc of d.van_ban || []) {
      if ((d.van_ban || []).length > 1) pages.appendChild(el("div", { class: "van-ban-ten" }, doc.ten));
      doc.trang.forEach((svg, i) => {
        count++;
        const page = el("div", { class: "trang", role: "img", "aria-label": (DOC_NAMES[chosenDoc] || doc.ten) + ", trang " + (i + 1) });
        page.innerHTML = svg;
        pages.appendChild(page);
      });
    }
    pages.dataset.trang = String(count);
    pages.dataset.lan = String(mine);
    pages.dataset.ms = String(Math.round(performance.now() - started));
  }

  // ---- saving, drafts, downloads -------------------------------------------------------

  async function save(asCopy) {
    if (hasComments && !commentsAccepted && !asCopy) {
      const box = el("div", {},
        el("p", {}, "Tệp này có chú thích (dòng bắt đầu bằng #). Lưu từ biểu mẫu sẽ ghi lại hồ sơ gọn gàng và không giữ các chú thích; bản cũ vẫn được giữ trong thư mục .lich-su."));
      const n = notice(box);
      box.append(
        el("button", { type: "button", class: "chinh", onclick: () => { commentsAccepted = true; n.remove(); save(false); } }, "Vẫn lưu"),
        el("button", { type: "button", onclick: () => n.remove() }, "Thôi"));
      box.querySelector("button").focus();
      return;
    }
    $("trang-thai-luu").textContent = "Đang lưu…";
    const r = await call("POST", "/api/ho-so/" + encodeURIComponent(name) + "/luu", { ho_so: model, bam: hash, ban_sao: !!asCopy });
    const d = await r.json().catch(() => ({}));
    if (r.ok) {
      if (asCopy) {
        localStorage.removeItem(DRAFT_KEY);
        dirty = false;
        location.href = "/ho-so/" + encodeURIComponent(d.ten);
        return;
      }
      hash = d.bam;
      dirty = false;
      hasComments = false;
      localStorage.removeItem(DRAFT_KEY);
      $("trang-thai-luu").textContent = "Đã lưu lúc " + new Date().toLocaleTimeString("vi-VN");
      return;
    }
    $("trang-thai-luu").textContent = "Chưa lưu";
    if (d.xung_dot) {
      const box = el("div", {}, el("p", {}, d.loi));
      const n = notice(box, "loi");
      box.append(
        el("button", { type: "button", onclick: async () => { n.remove(); localStorage.removeItem(DRAFT_KEY); await load(); } }, "Tải lại tệp trên đĩa (bỏ thay đổi ở đây)"),
        el("button", { type: "button", class: "chinh", onclick: () => { n.remove(); save(true); } }, "Lưu biểu mẫu thành bản sao"));
      box.querySelector("button").focus();
    } else {
      notice(d.loi || ("Không lưu được (lỗi " + r.status + ")."), "loi");
    }
  }

  async function download(format) {
    const body = { ten: name, ho_so: model, dinh_dang: format };
    if (format !== "zip") body.van_ban = chosenDoc;
    const r = await call("POST", "/api/tai-ve", body);
    if (!r.ok) {
      const d = await r.json().catch(() => ({}));
      notice(d.loi || ("Không tải về được (lỗi " + r.status + ")."), "loi");
      return;
    }
    const blob = await r.blob();
    const cd = r.headers.get("Content-Disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    const file = m ? decodeURIComponent(m[1]) : "vanban." + format;
    const a = el("a", { href: URL.createObjectURL(blob), download: file });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
  }

  function offerDraft() {
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null"); } catch (_) { draft = null; }
    if (!draft || !draft.ho_so) return;
    if (JSON.stringify(draft.ho_so) === JSON.stringify(model)) { localStorage.removeItem(DRAFT_KEY); return; }
    const when = draft.luc ? new Date(draft.luc).toLocaleString("vi-VN") : "";
    const box = el("div", { id: "ban-nhap" }, el("p", {}, "Có thay đổi chưa lưu của hồ sơ này (lúc " + when + "), có thể do thẻ trình duyệt bị đóng. Khôi phục?"));
    const n = notice(box);
    box.append(
      el("button", { type: "button", class: "chinh", id: "khoi-phuc", onclick: () => {
        model = draft.ho_so;
        n.remove();
        if (draft.bam !== hash) notice("Lưu ý: tệp trên đĩa đã đổi từ khi soạn bản nháp này; khi lưu, bạn sẽ được hỏi cách xử lý.");
        hash = draft.bam || hash;
        changed(true);
      } }, "Khôi phục thay đổi"),
      el("button", { type: "button", onclick: () => { localStorage.removeItem(DRAFT_KEY); n.remove(); } }, "Bỏ bản nháp"));
  }

  async function load() {
    const r = await fetch("/api/ho-so/" + encodeURIComponent(name));
    const d = await r.json().catch(() => ({}));
    if (!r.ok) {
      $("bieu-mau").innerHTML = "";
      notice(d.loi || ("Không mở được hồ sơ (lỗi " + r.status + ")."), "loi");
      problems = d.van_de || [];
      showProblems();
      return false;
    }
    model = d.ho_so;
    hash = d.bam;
    hasComments = d.co_chu_thich;
    dirty = false;
    $("trang-thai-luu").textContent = d.phien_ban ? ("Đã có " + d.phien_ban + " bản cũ trong lịch sử") : "";
    problems = d.van_de || [];
    draw();
    if (hasComments) notice("Tệp này có chú thích (#). Lưu từ biểu mẫu sẽ không giữ chú thích; bạn sẽ được hỏi lại trước lần lưu đầu.");
    schedule();
    return true;
  }

  async function main() {
    const r = await fetch("/api/bieu-mau");
    const d = await r.json();
    spec = d.bieu_mau;
    awards = d.khen_thuong;
    authorities = d.co_quan;
    if (await load()) offerDraft();
    $("nut-luu").addEventListener("click", () => save(false));
    document.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") { e.preventDefault(); save(false); }
    });
    $("chon-van-ban").addEventListener("change", (e) => { chosenDoc = e.target.value; refresh(); });
    document.querySelectorAll("[data-tai]").forEach((b) => b.addEventListener("click", () => download(b.dataset.tai)));
    window.addEventListener("beforeunload", (e) => { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  }

  main();
})();
