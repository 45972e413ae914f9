// Keeps what a person types into a long clinical form (notes, plans, discharge) in this browser tab
// until it is saved. A save can fail in ways the server cannot answer with the form: the session
// expired while a long note was being written, the network dropped, the tab reloaded. The text then
// comes back the next time the same form opens in this tab, with a notice and a way to discard it.
// sessionStorage, not localStorage: it lives only as long as the tab, is never sent anywhere, is
// keyed by the signed-in user, and signing out clears it.
(() => {
  const prefix = "trellis.draft.";
  const owner = document.querySelector("[data-draft-owner]")?.getAttribute("data-draft-owner");

  document.querySelectorAll("form[data-clear-drafts]").forEach(f => f.addEventListener("submit", () => {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const k = sessionStorage.key(i);
      if (k && k.startsWith(prefix)) sessionStorage.removeItem(k);
    }
  }));
  if (!owner) return;

  // A form that was sent and led to another signed-in page was saved: its draft is done. Landing on
  // the sign-in page (the session had expired) keeps it, and so does landing back on the form.
  const pending = JSON.parse(sessionStorage.getItem(prefix + "pending") ?? "null");
  if (pending) {
    if (pending.page !== location.pathname + location.search && !location.pathname.startsWith("/error")) sessionStorage.removeItem(pending.key);
    sessionStorage.removeItem(prefix + "pending");
  }

  const typed = form => [...form.elements].filter(e =>
    e.name && !e.name.startsWith("_") && !e.name.startsWith("__") &&
    (e.tagName === "TEXTAREA" || (e.tagName === "INPUT" && ["text", "search", ""].includes(e.type))));

  document.querySelectorAll("form[data-keep-draft]").forEach(form => {
    const handler = form.querySelector("input[name=_handler]")?.value ?? form.getAttribute("data-keep-draft");
    const key = prefix + owner + "|" + location.pathname + location.search + "|" + handler;
    const fields = typed(form);
    const save = () => {
      const values = {};
      let changed = false;
      for (const e of fields) {
        values[e.name] = e.value;
        if (e.value !== e.defaultValue) changed = true;
      }
      if (changed) sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), values }));
      else sessionStorage.removeItem(key);
    };

    const stored = JSON.parse(sessionStorage.getItem(key) ?? "null");
    if (stored) {
      // Only what differs from the page as the server sent it is restored; a draft that matches the
      // page (it was saved, or the server re-showed it after a refused save) is simply dropped.
      const restored = fields.filter(e => e.name in stored.values && stored.values[e.name] !== e.value && stored.values[e.name] !== "");
      if (restored.length === 0) sessionStorage.removeItem(key);
      else {
        const before = new Map(restored.map(e => [e, e.value]));
        restored.forEach(e => { e.value = stored.values[e.name]; });
        const when = new Date(stored.at).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
        const notice = document.createElement("div");
        notice.className = "alert alert-warn draft-restored";
        notice.setAttribute("role", "status");
        notice.innerHTML = "<p></p><button type='button' class='secondary small-button'>Discard the restored text</button>";
        notice.querySelector("p").textContent =
          `Restored what you typed here at ${when} that was not saved (${restored.length} ${restored.length === 1 ? "field" : "fields"}). Check it, then save.`;
        notice.querySelector("button").addEventListener("click", () => {
          before.forEach((v, e) => { e.value = v; });
          sessionStorage.removeItem(key);
          notice.remove();
        });
        form.prepend(notice);
      }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", () => {
      save();
      if (sessionStorage.getItem(key)) sessionStorage.setItem(prefix + "pending", JSON.stringify({ key, page: location.pathname + location.search }));
    });
  });
})();
