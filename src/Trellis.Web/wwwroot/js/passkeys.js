// Passkeys (WebAuthn) on the sign-in and account pages. The pages are server-rendered forms; WebAuthn can only be
// reached from script, so this file does the one browser step: it fetches the options and a challenge id from the
// server, asks the browser for a credential, puts its JSON in the form's hidden fields and sends the form. The server
// checks everything. Without script, or in a browser without passkeys, nothing here runs: the password form stays the
// way in and the "add a passkey" form stays hidden.
(() => {
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  const toBytes = s => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "=")), c => c.charCodeAt(0));
  const toText = b => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  const creationOptions = o => ({
    ...o,
    challenge: toBytes(o.challenge),
    user: { ...o.user, id: toBytes(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map(c => ({ ...c, id: toBytes(c.id) })),
  });
  const requestOptions = o => ({
    ...o,
    challenge: toBytes(o.challenge),
    allowCredentials: (o.allowCredentials || []).map(c => ({ ...c, id: toBytes(c.id) })),
  });

  // The credential as WebAuthn's JSON form (what PublicKeyCredential.toJSON() gives where it exists).
  const asJson = c => {
    if (typeof c.toJSON === "function") return JSON.stringify(c.toJSON());
    const r = c.response, response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      if (r.userHandle) response.userHandle = toText(r.userHandle);
    }
    return JSON.stringify({ id: c.id, rawId: toText(c.rawId), type: c.type, response,
      authenticatorAttachment: c.authenticatorAttachment ?? null, clientExtensionResults: c.getClientExtensionResults() });
  };

  const start = async url => {
    const r = await fetch(url, { method: "POST", credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error("The server did not start the passkey request (" + r.status + ").");
    return r.json();
  };

  const send = (form, challengeId, credential) => {
    form.querySelector("[data-passkey-challenge]").value = challengeId;
    form.querySelector("[data-passkey-credential]").value = asJson(credential);
    HTMLFormElement.prototype.submit.call(form);
  };

  const say = (near, message) => {
    let p = near.querySelector("[data-passkey-message]");
    if (!p) {
      p = document.createElement("p");
      p.setAttribute("data-passkey-message", "");
      p.setAttribute("role", "alert");
      p.className = "small";
      near.appendChild(p);
    }
    p.textContent = message;
  };

  // Sign-in: a button, and where the browser offers it, passkeys in the email field's suggestions (conditional UI).
  const signIn = document.querySelector("[data-passkey-signin]");
  if (signIn) {
    const form = signIn.querySelector("form");
    const button = signIn.querySelector("[data-passkey-button]");
    let pending = null;
    const get = async mediation => {
      const { challengeId, options } = await start("/account/passkeys/sign-in-options");
      pending = new AbortController();
      const credential = await navigator.credentials.get({ publicKey: requestOptions(options), mediation, signal: pending.signal });
      if (credential) send(form, challengeId, credential);
    };
    signIn.hidden = false;
    button.addEventListener("click", async () => {
      pending?.abort();
      button.disabled = true;
      try { await get("optional"); }
      catch (e) { if (e.name !== "AbortError") say(signIn, e.name === "NotAllowedError" ? "No passkey was used. Try again, or sign in with your email and password." : e.message); }
      finally { button.disabled = false; }
    });
    PublicKeyCredential.isConditionalMediationAvailable?.().then(ok => {
      if (ok) get("conditional").catch(() => { /* aborted by the button, or dismissed: the button still works */ });
    });
  }

  // Account page: make a passkey, then send its answer with the name the person typed.
  const register = document.querySelector("[data-passkey-register]");
  if (register) {
    register.hidden = false;
    document.querySelectorAll("[data-passkey-unsupported]").forEach(p => p.hidden = true);
    register.addEventListener("submit", async e => {
      if (register.querySelector("[data-passkey-credential]").value) return;
      e.preventDefault();
      const button = register.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const { challengeId, options } = await start("/account/passkeys/creation-options");
        const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
        send(register, challengeId, credential);
      } catch (err) {
        say(register, err.name === "NotAllowedError" ? "No passkey was made. Try again when your device asks." :
          err.name === "InvalidStateError" ? "This device already has a passkey for your account." : err.message);
        button.disabled = false;
      }
    });
  }
})();
