// The sandbox's only script, served from each host as /assets/sandbox.js (so the CSP can forbid inline
// scripts): the password checklist that updates while typing, the local "I'm not a robot" widget, and the
// automatic submit of the sign-out confirmation.
export const SCRIPT = `
(() => {
  for (const list of document.querySelectorAll('[data-rules-for]')) {
    const input = document.getElementById(list.dataset.rulesFor);
    if (!input) continue;
    const items = [...list.querySelectorAll('[data-pattern]')];
    const update = () => {
      for (const item of items) {
        const ok = new RegExp(item.dataset.pattern, 'u').test(input.value);
        item.dataset.state = ok ? 'met' : 'unmet';
        const state = item.querySelector('[data-rule-state]');
        if (state) state.textContent = ok ? item.dataset.metText : item.dataset.unmetText;
        const mark = item.querySelector('[data-rule-mark]');
        if (mark) mark.textContent = ok ? '\\u2713' : '\\u2717';
      }
    };
    input.addEventListener('input', update);
    update();
  }

  for (const box of document.querySelectorAll('[data-botcheck]')) {
    const form = box.closest('form');
    const field = form.querySelector('input[name="robotToken"]');
    const buttons = [...form.querySelectorAll('[data-needs-robot]')];
    const setEnabled = (on) => { for (const b of buttons) b.disabled = !on; };
    setEnabled(false);
    box.addEventListener('change', async () => {
      field.value = '';
      setEnabled(false);
      if (!box.checked) return;
      const response = await fetch(box.dataset.botcheck, {
        method: 'POST',
        headers: { 'x-csrf-token': form.querySelector('input[name="_csrf"]').value },
      });
      if (!response.ok) { box.checked = false; return; }
      field.value = (await response.json()).token;
      setEnabled(true);
    });
  }

  document.querySelector('[data-autosubmit]')?.click();
})();
`;

export const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f3f5;color:#1b1f23;margin:0}
main{max-width:420px;margin:48px auto 16px;background:#fff;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.12);padding:32px}
.app-title{color:#1f5fa8;font-size:1.4rem;text-align:center;margin:0 0 24px}
h1{font-size:1.2rem;margin:0 0 16px}
label{display:block;margin:12px 0 4px;font-weight:600}
input[type=email],input[type=password],input[type=text]{width:100%;padding:10px;border:1px solid #aab;border-radius:4px;font-size:1rem}
input[readonly]{background:#eef}
button,.button{display:block;width:100%;margin:16px 0 8px;padding:11px;border:0;border-radius:4px;background:#2d8a3e;color:#fff;font-size:1rem;font-weight:600;cursor:pointer;text-align:center;text-decoration:none}
button:disabled{background:#9ab;cursor:not-allowed}
button.secondary,.button.secondary{background:#fff;color:#1f5fa8;border:1px solid #1f5fa8}
.check{display:flex;gap:8px;align-items:flex-start;margin:12px 0}.check label{margin:0;font-weight:400}
.hint{display:block;color:#666;font-size:.85rem;font-weight:400}
.or{text-align:center;color:#666;margin:16px 0}
.error{background:#fde8e8;border:1px solid #e3a2a2;color:#8a1c1c;padding:10px;border-radius:4px}
.notice{background:#e8f1fd;border:1px solid #a2c0e3;padding:10px;border-radius:4px}
.rules{list-style:none;padding:0;margin:8px 0}.rules li[data-state=met]{color:#2d8a3e}.rules li[data-state=unmet]{color:#8a1c1c}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.email-row{display:flex;gap:8px;align-items:center;margin-bottom:8px}.email-row a{text-decoration:none;font-size:1.3rem}
.robot{border:1px solid #ccd;border-radius:4px;padding:12px;background:#f9f9fb}
.choice small{display:block;font-weight:400}
footer{text-align:center;color:#666;font-size:.9rem;margin:16px}
footer a{margin:0 6px}
.brand{font-weight:700;letter-spacing:.2em;color:#1f5fa8;margin-top:8px}
`;
