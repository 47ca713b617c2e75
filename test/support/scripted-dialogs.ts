// A person at main's native dialogs, for tests: each confirmation, save and open dialog is answered
// from a queue the test fills, and every request is recorded. A dialog with no answer queued
// fails, so a test never passes on a dialog it did not expect. The whole-app harness
// (portscope-app.ts) puts Electron's message boxes and file dialogs through the same queues.
import type {
  ConfirmAnswer,
  ConfirmRequest,
  Dialogs,
  OpenFileRequest,
  SaveFileRequest,
} from '../../electron/core/context';

/** Native dialogs answered from a queue the test fills; every request is recorded. */
export class ScriptedDialogs implements Dialogs {
  readonly confirmRequests: ConfirmRequest[] = [];
  readonly saveRequests: SaveFileRequest[] = [];
  readonly openRequests: OpenFileRequest[] = [];
  private readonly confirmAnswers: ConfirmAnswer[] = [];
  private readonly saveAnswers: (string | null)[] = [];
  private readonly openAnswers: (string | null)[] = [];

  answerConfirm(answer: Partial<ConfirmAnswer> & { confirmed: boolean }): void {
    this.confirmAnswers.push({ checkboxChecked: false, ...answer });
  }

  answerSaveFile(filePath: string | null): void {
    this.saveAnswers.push(filePath);
  }

  answerOpenFile(filePath: string | null): void {
    this.openAnswers.push(filePath);
  }

  async confirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
    this.confirmRequests.push(request);
    const answer = this.confirmAnswers.shift();
    if (!answer) throw new Error(`Unexpected confirm dialog (no answer queued): ${request.title}`);
    return answer;
  }

  async saveFile(request: SaveFileRequest): Promise<string | null> {
    this.saveRequests.push(request);
    if (this.saveAnswers.length === 0) {
      throw new Error(`Unexpected save dialog (no answer queued): ${request.title}`);
    }
    return this.saveAnswers.shift() ?? null;
  }

  async openFile(request: OpenFileRequest): Promise<string | null> {
    this.openRequests.push(request);
    if (this.openAnswers.length === 0) {
      throw new Error(`Unexpected open dialog (no answer queued): ${request.title}`);
    }
    return this.openAnswers.shift() ?? null;
  }
}
