import { useId, type ReactNode } from 'react';

/**
 * A question over the screen that must be answered before anything else: it covers the whole
 * screen so that no touch lands on what is behind it.
 */
export function Dialog({ title, children, actions }: { title: string; children: ReactNode; actions: ReactNode }) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <div className="dialog-backdrop">
      <section
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
      >
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId} className="dialog-body">
          {children}
        </div>
        <div className="actions">{actions}</div>
      </section>
    </div>
  );
}
