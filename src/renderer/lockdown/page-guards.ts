/**
 * The page's own share of the kiosk lockdown, so it holds in any browser (the preview host) and not
 * only where Electron's main process refuses the same things: no context menu, no dragging anything
 * out or dropping files in (a dropped file would replace the app), no selection outside text fields,
 * no zoom by Ctrl+wheel or pinch, no link or file picker that leaves the app, no print dialog.
 */
export function guardPage(win: Window = window): void {
  const doc = win.document;
  const refuse = (event: Event): void => event.preventDefault();
  const capture = { capture: true };

  doc.addEventListener('contextmenu', refuse, capture);
  doc.addEventListener('dragstart', refuse, capture);
  // Both are needed for a drop to be refused rather than opened by the browser.
  doc.addEventListener('dragover', refuse, capture);
  doc.addEventListener('drop', refuse, capture);
  doc.addEventListener(
    'selectstart',
    (event) => {
      if (!isTextField(event.target)) event.preventDefault();
    },
    capture,
  );
  // Ctrl+wheel and a trackpad pinch both arrive as wheel events with ctrlKey set.
  win.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { capture: true, passive: false });
  // More than one finger on the screen is a pinch; the kiosk has no gesture that needs two.
  doc.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), {
    capture: true,
    passive: false,
  });
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const link = target?.closest('a[href]');
      if (link instanceof HTMLAnchorElement && (link.target !== '' || link.origin !== win.location.origin)) {
        event.preventDefault();
      }
      if (target instanceof HTMLInputElement && target.type === 'file') event.preventDefault();
    },
    capture,
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if ((event.ctrlKey || event.metaKey) && ['p', 's', 'o'].includes(event.key.toLowerCase())) event.preventDefault();
    },
    capture,
  );
  win.print = () => undefined;
  win.open = () => null;
}

function isTextField(target: EventTarget | null): boolean {
  const element = target instanceof Node && target.nodeType === Node.TEXT_NODE ? target.parentElement : target;
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;
}
