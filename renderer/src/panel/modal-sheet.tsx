// The one overlay every in-window dialog uses (Properties, Whois, Export, Preferences): a dimmed
// backdrop, a sheet with a title, Escape to close, and focus handed back to where it was (the
// grid row, usually) when the sheet goes away. Each feature keeps its own classes on the backdrop
// and the sheet: they carry its look and are the hooks the e2e tests find it by.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { focusGrid } from '../grid/keyboard-selection';
import './modal-sheet.css';

export interface ModalSheetProps {
  /** The heading, and the dialog's accessible name. */
  title: string;
  /** Escape, the header's Close button and (with closeOnBackdrop) a click beside the sheet. */
  onClose: () => void;
  className: string;
  backdropClassName: string;
  /** A press on the dimmed area closes (one that starts inside the sheet, e.g. selecting, does not). */
  closeOnBackdrop?: boolean;
  /** aria-modal: the table behind cannot be reached while it is open. */
  modal?: boolean;
  /** Makes the sheet a <form>: Enter in it submits. */
  onSubmit?: () => void;
  /** A Close button next to the title (for sheets without a button row of their own). */
  closeInHeader?: boolean;
  /**
   * Focus the sheet itself when it opens (not a button at its end, which would scroll a long
   * sheet to the bottom): it opens at the top, and Tab goes on to its controls.
   */
  focusSheet?: boolean;
  /** The right-aligned row of buttons under the body. */
  buttons?: ReactNode;
  buttonsClassName?: string;
  children: ReactNode;
}

export function ModalSheet(props: ModalSheetProps) {
  const { title, onClose, onSubmit } = props;
  // The latest onClose, so that a caller's inline arrow does not re-run the effect below (which
  // would hand focus back to the opener while the sheet is still open).
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  // Taken while rendering the first time: by the time effects run, an autoFocus child has focus.
  const [opener] = useState(() => document.activeElement);
  const [openerInTable] = useState(() => document.activeElement?.closest('.ag-root') != null);
  const sheetRef = useRef<HTMLElement & HTMLFormElement>(null);
  const focusSheet = props.focusSheet === true;
  useEffect(() => {
    if (focusSheet) sheetRef.current?.focus({ preventScroll: true });
  }, [focusSheet]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Keyboard work goes on where it was (the focused row) instead of falling to <body>. A
      // table cell may have been redrawn by a poll meanwhile: then the table's focused row.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      else if (openerInTable) focusGrid();
    };
  }, [opener, openerInTable]);

  const heading = props.closeInHeader ? (
    <header className="ps-modal-header">
      <h2>{title}</h2>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </header>
  ) : (
    <h2>{title}</h2>
  );
  const content = (
    <>
      {heading}
      {props.children}
      {props.buttons !== undefined && (
        <div className={`ps-modal-buttons ${props.buttonsClassName ?? ''}`.trim()}>
          {props.buttons}
        </div>
      )}
    </>
  );
  const sheet = {
    className: `ps-modal-sheet ${props.className}`,
    role: 'dialog',
    'aria-modal': props.modal ? true : undefined,
    'aria-label': title,
    ref: sheetRef,
    tabIndex: focusSheet ? -1 : undefined,
  } as const;

  return (
    <div
      className={`ps-modal-backdrop ${props.backdropClassName}`}
      onMouseDown={(event) => {
        if (props.closeOnBackdrop && event.target === event.currentTarget) onClose();
      }}
    >
      {onSubmit ? (
        <form
          {...sheet}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {content}
        </form>
      ) : (
        <section {...sheet}>{content}</section>
      )}
    </div>
  );
}
