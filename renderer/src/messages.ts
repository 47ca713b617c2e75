// The message line in the status bar: the latest error or notice ("Exported 12 connections to …").
// One at a time, the newest wins; it goes by itself after a while or with its × button, so an
// error about one action does not linger through the unrelated ones that follow (and a notice
// never covers an error: they share the one slot).
import { useUiStore, type Message } from './store';

/** Long enough to read a two-sentence error; a notice needs less. */
const SHOWN_MS: Record<Message['kind'], number> = { error: 15_000, info: 6_000 };

let nextId = 1;
let timer: ReturnType<typeof setTimeout> | null = null;

export function showMessage(kind: Message['kind'], text: string): void {
  const message: Message = { id: nextId++, kind, text };
  if (timer !== null) clearTimeout(timer);
  useUiStore.setState({ message });
  timer = setTimeout(() => dismissMessage(message.id), SHOWN_MS[kind]);
}

export function showError(text: string): void {
  showMessage('error', text);
}

export function showInfo(text: string): void {
  showMessage('info', text);
}

/** Hide the message (only that one, when an id is given: a newer one stays). */
export function dismissMessage(id?: number): void {
  const current = useUiStore.getState().message;
  if (!current || (id !== undefined && current.id !== id)) return;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  useUiStore.setState({ message: null });
}
