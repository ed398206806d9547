import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

/**
 * "Are you sure?" over the screen: the way back first, then the act. The dialog closes before the
 * act is sent, so a second touch cannot send it twice.
 */
export function ConfirmDialog({
  title,
  children,
  backLabel,
  confirmLabel,
  danger = false,
  onBack,
  onConfirm,
}: {
  title: string;
  children: ReactNode;
  backLabel: string;
  confirmLabel: string;
  /** An act that cannot be undone (it loses or wipes something): shown as such. */
  danger?: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      title={title}
      actions={
        <>
          <button type="button" className="button secondary" onClick={onBack} autoFocus>
            {backLabel}
          </button>
          <button
            type="button"
            className={danger ? 'button danger' : 'button'}
            onClick={() => {
              onBack();
              onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
