// The start page: create, duplicate, rename and delete records. Plain JavaScript.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="vanban-csrf"]').content;
  const say = (text, bad) => {
    const box = document.getElementById("thong-bao");
    box.innerHTML = "";
    const p = document.createElement("p");
    p.className = "hop-thoai" + (bad ? " loi" : "");
    p.textContent = text;
    box.appendChild(p);
  };
  async function call(method, url, body) {
    const r = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", "X-Vanban-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = {};
    try { data = await r.json(); } catch (_) { /* not JSON */ }
    if (!r.ok) throw new Error(data.loi || ("Lỗi " + r.status));
    return data;
  }
  const open = (name) => { location.href = "/ho-so/" + encodeURIComponent(name); };

  document.getElementById("form-tao").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      const d = await call("POST", "/api/ho-so", { ten: f.ten.value, mau: f.mau.value });
      open(d.ten);
    } catch (err) { say(err.message, true); }
  });

  document.querySelectorAll("tr[data-ten] button[data-viec]").forEach((b) => {
    b.addEventListener("click", async () => {
      const name = b.closest("tr").dataset.ten;
      const url = "/api/ho-so/" + encodeURIComponent(name);
      try {
        switch (b.dataset.viec) {
          case "nhan-ban": { const d = await call("POST", url + "/nhan-ban", {}); say("Đã tạo bản sao " + d.ten + "."); location.reload(); break; }
          case "sang-nam": { const d = await call("POST", url + "/nhan-ban", { sang_nam: true }); open(d.ten); break; }
          case "doi-ten": {
            const to = prompt("Tên mới cho hồ sơ «" + name + "»:", name);
            if (!to || to === name) return;
            await call("POST", url + "/doi-ten", { ten_moi: to });
            location.reload();
            break;
          }
          case "xoa": {
            if (!confirm("Chuyển hồ sơ «" + name + "» vào thùng rác (.thung-rac)?")) return;
            await call("DELETE", url);
            location.reload();
            break;
          }
        }
      } catch (err) { say(err.message, true); }
    });
  });
})();
