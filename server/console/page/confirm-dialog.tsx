import { useEffect, useRef } from 'react';
import type { Strings } from './i18n';

export interface PendingConfirmation {
  question: string;
  run(): Promise<void>;
}

/** Every staff action is confirmed in a modal dialog before it is sent. */
export function ConfirmDialog({
  t,
  pending,
  onClose,
}: {
  t: Strings;
  pending: PendingConfirmation | undefined;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (pending !== undefined && !element.open) element.showModal();
    if (pending === undefined && element.open) element.close();
  }, [pending]);

  return (
    <dialog ref={dialog} aria-labelledby="confirm-question" onClose={onClose}>
      <p id="confirm-question">{pending?.question}</p>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          onClick={() => {
            const run = pending?.run;
            onClose();
            void run?.();
          }}
        >
          {t.confirm.yes}
        </button>
        <button type="button" onClick={onClose}>
          {t.confirm.no}
        </button>
      </div>
    </dialog>
  );
}
