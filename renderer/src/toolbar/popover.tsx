// A button that opens a small panel under it (the column chooser, the colour legend). The panel
// closes on Escape, on a press anywhere outside it, or on the button again; focus goes back to
// the button, so the keyboard carries on where it was.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface PopoverProps {
  /** The button's content and accessible name. */
  label: ReactNode;
  title: string;
  /** The panel's accessible name (and the hook tests find it by). */
  panelLabel: string;
  className?: string;
  align?: 'left' | 'right';
  /** Open from outside (a menu command); the popover reports closing through onOpenChange. */
  open?: boolean;
  onOpenChange?(open: boolean): void;
  children: ReactNode;
}

export function Popover(props: PopoverProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = props.open ?? ownOpen;
  const setOpen = (next: boolean) => {
    setOwnOpen(next);
    props.onOpenChange?.(next);
  };
  const setOpenRef = useRef(setOpen);
  useEffect(() => {
    setOpenRef.current = setOpen;
  });
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (root.current && event.target instanceof Node && !root.current.contains(event.target)) {
        setOpenRef.current(false);
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setOpenRef.current(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', onPointer, true);
    // Capture: Escape closes the panel and goes no further (not to the filter box or a sheet).
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onPointer, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className={`ps-popover ${props.className ?? ''}`.trim()} ref={root}>
      <button
        type="button"
        ref={button}
        title={props.title}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
      >
        {props.label}
      </button>
      {open && (
        <div
          className={`ps-popover-panel ps-popover-${props.align ?? 'right'}`}
          role="dialog"
          aria-label={props.panelLabel}
        >
          {props.children}
        </div>
      )}
    </div>
  );
}
