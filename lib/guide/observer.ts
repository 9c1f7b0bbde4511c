// Runs inside every page and frame of the context (an init script): reports the visible text and the
// accessible names (aria-label, title, placeholder, alt, button values) of what is shown, as it appears,
// through the `__guidewrightSeen` binding. New and changed nodes are scanned, not the whole page, so the
// cost stays small. Typed input values are never read. `__guidewrightCollect()` returns what is visible now.
//
// Kept as plain JavaScript text: it is sent to the browser as is, without any build step.

export const SEEN_BINDING = '__guidewrightSeen';

export const OBSERVER_SCRIPT = String.raw`(() => {
  if (window.__guidewrightCollect) return;
  const BINDING = '${SEEN_BINDING}';
  const MAX = 4000;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'svg', 'SVG']);
  const NAME_ATTRS = ['aria-label', 'title', 'placeholder', 'alt'];
  const BUTTON_INPUTS = new Set(['button', 'submit', 'reset']);
  // What each element has reported already: unchanged elements stay quiet, new or changed ones report.
  const reported = new WeakMap();
  let queue = [];
  let ready = false;

  // display:none, visibility:hidden and hidden attributes count as not shown; opacity does not, because
  // dialogs fade in from opacity 0 without any DOM change to tell us when they became readable.
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility) return el.checkVisibility({ checkVisibilityCSS: true });
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  };
  const clean = (t) => (t || '').replace(/\s+/g, ' ').trim().slice(0, MAX);

  const scan = (root, out) => {
    if (!root) return;
    if (root.nodeType === 3) root = root.parentElement;
    if (!root || (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11)) return;
    const start = root.nodeType === 9 ? root.documentElement : root;
    if (!start) return;
    const walker = document.createTreeWalker(start, NodeFilter.SHOW_ELEMENT, {
      acceptNode: (n) => (SKIP.has(n.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let el = start.nodeType === 1 ? start : walker.nextNode(); el; el = walker.nextNode()) {
      if (SKIP.has(el.tagName)) continue;
      let ownText = false;
      for (let c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3 && c.nodeValue.trim() !== '') { ownText = true; break; }
      }
      let names = null;
      for (const a of NAME_ATTRS) {
        const v = el.getAttribute(a);
        if (v) (names || (names = [])).push(v);
      }
      const isButtonInput = el.tagName === 'INPUT' && BUTTON_INPUTS.has((el.getAttribute('type') || '').toLowerCase());
      if (isButtonInput && el.value) (names || (names = [])).push(el.value);
      if (el.tagName === 'SELECT' && el.selectedOptions && el.selectedOptions[0]) {
        (names || (names = [])).push(el.selectedOptions[0].text);
      }
      if (!ownText && !names) { if (el.shadowRoot) scan(el.shadowRoot, out); continue; }
      if (!visible(el)) continue;
      if (ownText) out(clean(el.innerText !== undefined ? el.innerText : el.textContent), el);
      if (names) for (const n of names) out(clean(n), el);
      if (el.shadowRoot) scan(el.shadowRoot, out);
    }
  };

  const flush = () => {
    if (queue.length === 0) return;
    const fn = window[BINDING];
    if (typeof fn !== 'function') return;
    const batch = queue;
    queue = [];
    try { fn(batch); } catch (e) { /* the page is going away */ }
  };
  const report = (t, el) => {
    if (!t) return;
    const key = el || window;
    let seen = reported.get(key);
    if (!seen) reported.set(key, (seen = new Set()));
    if (seen.has(t)) return;
    seen.add(t);
    queue.push(t);
  };

  const observer = new MutationObserver((records) => {
    if (!ready) return;
    const roots = new Set();
    for (const r of records) {
      if (r.type === 'childList') r.addedNodes.forEach((n) => roots.add(n.nodeType === 3 ? n.parentElement : n));
      else roots.add(r.type === 'characterData' ? r.target.parentElement : r.target);
    }
    for (const root of roots) {
      if (!root) continue;
      let covered = false;
      for (let p = root.parentNode; p && !covered; p = p.parentNode) covered = roots.has(p);
      if (!covered) scan(root, report);
    }
    flush();
  });

  const full = () => {
    ready = true;
    scan(document, report);
    flush();
  };
  observer.observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['hidden', 'open', 'style', 'class', 'aria-hidden', 'aria-label', 'title', 'placeholder', 'value'],
  });
  // The first scan waits until the document is parsed: its readiness turns "interactive". Not for
  // DOMContentLoaded, which also waits for deferred scripts and, on a slow server, was seen never to reach
  // the listener at all on a page the person then left (nothing of it was reported).
  const start = () => { if (!ready) full(); };
  if (document.readyState === 'loading') {
    document.addEventListener('readystatechange', start, { once: true });
    document.addEventListener('DOMContentLoaded', start, { once: true });
  } else full();

  // Native alert/confirm/prompt are not in the DOM: report their message before they block the page.
  for (const name of ['alert', 'confirm', 'prompt']) {
    const original = window[name];
    if (typeof original !== 'function') continue;
    window[name] = function (message) {
      report(clean(String(message === undefined ? '' : message)));
      flush();
      return original.apply(this, arguments);
    };
  }

  window.__guidewrightCollect = () => {
    const out = [];
    scan(document, (t) => { if (t) out.push(t); });
    return out;
  };
})();`;

/** Installs the observer if it is not there yet (pages opened before the fixture), then collects. */
export const COLLECT_EXPRESSION = `(() => { ${OBSERVER_SCRIPT}; return window.__guidewrightCollect(); })()`;
