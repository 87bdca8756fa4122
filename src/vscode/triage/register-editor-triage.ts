import * as vscode from 'vscode';
import { acceptAllProposals, rejectAllProposals, type Note, type NoteIndex, type Task } from '../../core';
import { selectedLines, stepProposal, type NoteProposals, type ProposalSpot, type TriagePosition } from '../../core/triage-order';
import { COMMANDS, CONTEXT_KEYS, TRIAGE_SETTINGS } from '../commands';
import { addEdits, localToday } from '../convert';
import type { WorkspaceIndex } from '../workspace-index';

/** What an editor decision did: how many proposals changed, and where the cursor went (if it moved). */
export interface DecisionResult {
  changed: number;
  next: ProposalSpot | undefined;
}

/** `meetingNotes.triage.moveToNext`: UI-only, read where it is used (it changes no finding). */
export function moveToNextEnabled(): boolean {
  return vscode.workspace.getConfiguration(TRIAGE_SETTINGS.section).get<boolean>(TRIAGE_SETTINGS.moveToNext, true) !== false;
}

function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration(TRIAGE_SETTINGS.section).get<boolean>(TRIAGE_SETTINGS.codeLens, false) === true;
}

/**
 * A line that may hold a task: a list item (in a quote or not) with one character in brackets. Only
 * such lines are parsed to decide the context key, so moving the cursor in prose costs nothing.
 */
const TASK_LINE = /^[\s>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([^\]])\]/u;

/**
 * Triage from the editor: accept or reject the proposals on the cursor's lines (one key each, bound
 * only while the cursor is on a proposal: the `meetingNotes.onProposal` context key), go to the next
 * or previous proposal across notes in meeting order, and CodeLens buttons above each proposal. After
 * a decision the cursor moves on to the next proposal (`meetingNotes.triage.moveToNext`).
 */
export function registerEditorTriage(index: NoteIndex, workspace: WorkspaceIndex, today: () => string = localToday): vscode.Disposable {
  const isProposal = (t: Pick<Task, 'status'>) => t.status === 'proposed';

  /** Every note's proposals newest meeting first; open documents count as they are now, not as last indexed. */
  const proposalOrder = (): NoteProposals[] => {
    const live = new Map<string, Note>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.languageId !== 'markdown') continue;
      const note = workspace.noteFor(doc);
      if (note) live.set(note.uri, note);
    }
    return index.newestFirst().map((record) => {
      const note = live.get(record.uri);
      return {
        uri: record.uri,
        proposals: note
          ? note.tasks.filter(isProposal).map((t) => ({ line: t.line, column: t.textSpan.range.start.character }))
          : record.tasks.filter(isProposal).map((t) => ({ line: t.line, column: t.column })),
      };
    });
  };

  /** Opens the note (or stays in it) with the cursor at the start of the proposal's text. */
  const goTo = async (spot: ProposalSpot): Promise<vscode.TextEditor> => {
    const position = new vscode.Position(spot.line, spot.column);
    const range = new vscode.Range(position, position);
    const active = vscode.window.activeTextEditor;
    const editor = active?.document.uri.toString() === spot.uri ? active : await vscode.window.showTextDocument(vscode.Uri.parse(spot.uri), { selection: range });
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  };

  const step = async (from: TriagePosition | undefined, direction: 1 | -1): Promise<ProposalSpot | undefined> => {
    const spot = stepProposal(proposalOrder(), from, direction);
    if (!spot) {
      void vscode.window.showInformationMessage('Meeting Notes: no proposals left to triage.');
      return undefined;
    }
    await goTo(spot);
    return spot;
  };

  const cursorLines = (editor: vscode.TextEditor): Set<number> => new Set(editor.selections.flatMap((s) => selectedLines(s)));

  // Decisions run one after the other: a key pressed again while the cursor is still moving acts
  // where the cursor lands, not on the line just decided.
  let queue: Promise<unknown> = Promise.resolve();
  const decide = (kind: 'accept' | 'reject', uriArg?: unknown, lineArg?: unknown): Promise<DecisionResult> => {
    const next = queue.then(() => decideNow(kind, uriArg, lineArg));
    queue = next.catch(() => undefined);
    return next;
  };

  const decideNow = async (kind: 'accept' | 'reject', uriArg?: unknown, lineArg?: unknown): Promise<DecisionResult> => {
    let document: vscode.TextDocument | undefined;
    let lines: Set<number>;
    if ((typeof uriArg === 'string' || uriArg instanceof vscode.Uri) && typeof lineArg === 'number') {
      // From a CodeLens: the proposal's own line.
      document = await vscode.workspace.openTextDocument(typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg);
      lines = new Set([lineArg]);
    } else {
      // From a key or the palette: every line a cursor or selection is on (a wrapped line is one line).
      const editor = vscode.window.activeTextEditor;
      document = editor?.document;
      lines = editor ? cursorLines(editor) : new Set();
    }
    const note = document && workspace.noteFor(document);
    const chosen = note ? note.tasks.filter((t) => isProposal(t) && lines.has(t.line)) : [];
    if (!document || !note || !chosen.length) {
      void vscode.window.showInformationMessage(`Meeting Notes: there is no proposal on ${lines.size > 1 ? 'these lines' : 'this line'} to ${kind}.`);
      return { changed: 0, next: undefined };
    }
    const edits = kind === 'accept' ? acceptAllProposals(note, chosen) : rejectAllProposals(note, today(), chosen);
    if (!(await vscode.workspace.applyEdit(addEdits(new vscode.WorkspaceEdit(), document.uri, edits)))) return { changed: 0, next: undefined };
    const last = Math.max(...chosen.map((t) => t.line));
    const next = moveToNextEnabled() ? await step({ uri: document.uri.toString(), line: last }, 1) : undefined;
    return { changed: chosen.length, next };
  };

  // The context key that lets the accept and reject keys through only on a proposal's line.
  let onProposal: boolean | undefined;
  const updateContext = () => {
    const editor = vscode.window.activeTextEditor;
    let on = false;
    if (editor && editor.document.languageId === 'markdown') {
      const proposed = new Set(Object.entries(index.config.taskStatuses).filter(([, kind]) => kind === 'proposed').map(([c]) => c));
      const lines = cursorLines(editor);
      const candidate = [...lines].some((l) => {
        const m = l < editor.document.lineCount ? TASK_LINE.exec(editor.document.lineAt(l).text) : null;
        return !!m && proposed.has(m[1]!);
      });
      // The parse rules out look-alikes (code blocks, frontmatter); it is shared with the code actions.
      const note = candidate ? workspace.noteFor(editor.document) : undefined;
      on = !!note && note.tasks.some((t) => isProposal(t) && lines.has(t.line));
    }
    if (on === onProposal) return;
    onProposal = on;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.onProposal, on);
  };

  const lensesChanged = new vscode.EventEmitter<void>();
  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensesChanged.event,
    provideCodeLenses(document) {
      if (!codeLensEnabled()) return [];
      const note = workspace.noteFor(document);
      if (!note) return [];
      const uri = document.uri.toString();
      return note.tasks.filter(isProposal).flatMap((t) => {
        const range = new vscode.Range(t.line, 0, t.line, 0);
        return [
          new vscode.CodeLens(range, { title: '$(check) Accept', tooltip: 'Accept this proposal: it becomes an open task', command: COMMANDS.acceptProposal, arguments: [uri, t.line] }),
          new vscode.CodeLens(range, { title: '$(close) Reject', tooltip: "Reject this proposal: it is cancelled with today's date", command: COMMANDS.rejectProposal, arguments: [uri, t.line] }),
        ];
      });
    },
  };

  updateContext();
  return vscode.Disposable.from(
    lensesChanged,
    vscode.languages.registerCodeLensProvider([{ language: 'markdown' }], lenses),
    vscode.commands.registerCommand(COMMANDS.acceptProposal, (uri?: unknown, line?: unknown) => decide('accept', uri, line)),
    vscode.commands.registerCommand(COMMANDS.rejectProposal, (uri?: unknown, line?: unknown) => decide('reject', uri, line)),
    vscode.commands.registerCommand(COMMANDS.nextProposal, () => step(currentPosition(), 1)),
    vscode.commands.registerCommand(COMMANDS.previousProposal, () => step(currentPosition(), -1)),
    vscode.commands.registerCommand(COMMANDS.afterDecision, async (uri?: unknown, line?: unknown) => {
      // The quick fix's edit is applied: move on from the decided line, as the keys do.
      if (typeof uri !== 'string' || typeof line !== 'number' || !moveToNextEnabled()) return undefined;
      return step({ uri, line }, 1);
    }),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) updateContext();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) updateContext();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${TRIAGE_SETTINGS.section}.${TRIAGE_SETTINGS.codeLens}`)) lensesChanged.fire();
    }),
  );
}

/** The active editor's cursor, where navigation starts; none when no editor is active. */
function currentPosition(): TriagePosition | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri.toString(), line: editor.selection.active.line } : undefined;
}
