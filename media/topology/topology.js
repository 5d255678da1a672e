// @ts-check
// The topology webview's script: shows the picture the extension sends, turns a click, Enter or
// Space on a NIC into a request to fail (or repair) it, keeps the keyboard focus on that NIC
// across redraws, and reads the theme's colours for an export. No remote content, no libraries.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('topology'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const exportButton = /** @type {HTMLButtonElement} */ (document.getElementById('export'));

  /** @param {EventTarget | null} target */
  function nicOf(target) {
    const el = target instanceof Element ? target.closest('[data-nic]') : null;
    return el instanceof SVGElement || el instanceof HTMLElement ? el : null;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'render') {
      const focused = nicOf(document.activeElement);
      const keep = focused ? focused.getAttribute('data-nic') : null;
      root.innerHTML = message.svg;
      if (keep) {
        for (const el of root.querySelectorAll('[data-nic]')) {
          if (el.getAttribute('data-nic') === keep && (el instanceof SVGElement || el instanceof HTMLElement)) el.focus();
        }
      }
      status.textContent = message.status;
      vscode.postMessage({ type: 'rendered', version: message.version });
    } else if (message.type === 'resolveColors') {
      const style = getComputedStyle(document.documentElement);
      /** @type {Record<string, string>} */
      const colors = {};
      for (const name of message.names) colors[name] = style.getPropertyValue(name).trim();
      vscode.postMessage({ type: 'colors', id: message.id, colors, fontFamily: style.getPropertyValue('--vscode-font-family').trim() });
    } else if (message.type === 'error') {
      status.textContent = message.text;
    }
  });

  root.addEventListener('click', (event) => {
    const nic = nicOf(event.target);
    if (nic) vscode.postMessage({ type: 'toggle', nic: nic.getAttribute('data-nic') });
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const nic = nicOf(event.target);
    if (!nic) return;
    event.preventDefault();
    vscode.postMessage({ type: 'toggle', nic: nic.getAttribute('data-nic') });
  });
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export' }));
  vscode.postMessage({ type: 'ready' });
})();
