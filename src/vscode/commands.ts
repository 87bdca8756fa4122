// Every id the extension shares with package.json and with users' keybindings: commands, the task
// view, context keys for `when` clauses. One module, so that a test can hold it equal to the manifest.

/** Command ids: stable, users bind keys to them. */
export const COMMANDS = {
  createPersonNote: 'meetingNotes.createPersonNote',
  addKnownPerson: 'meetingNotes.addKnownPerson',
  createPeopleRegistry: 'meetingNotes.createPeopleRegistry',
  acceptAllInNote: 'meetingNotes.acceptAllProposalsInNote',
  rejectAllInNote: 'meetingNotes.rejectAllProposalsInNote',
  showLog: 'meetingNotes.showLog',
  /** The proposals on the cursor's lines (or the given uri and line, from a CodeLens). */
  acceptProposal: 'meetingNotes.acceptProposal',
  rejectProposal: 'meetingNotes.rejectProposal',
  nextProposal: 'meetingNotes.nextProposal',
  previousProposal: 'meetingNotes.previousProposal',
  /** Internal (not in the palette): run by the triage quick fixes after their edit, to move the cursor on. */
  afterDecision: 'meetingNotes.triage.afterDecision',
  /** Internal (not in the palette): the "From: <transcript>" links of the hover and the task tooltip; takes a uri string. */
  openSource: 'meetingNotes.openSource',
  /** Internal: run by the "… a known person…" quick fix, to pick who replaces a name. */
  pickPerson: 'meetingNotes.people.pickPerson',
} as const;

/** Commands registered but not contributed in package.json: run by our own code only. */
export const INTERNAL_COMMAND_IDS: readonly string[] = [COMMANDS.afterDecision, COMMANDS.openSource, COMMANDS.pickPerson];

/** The Meeting Tasks view in the Explorer. */
export const TASKS_VIEW = 'meetingNotes.tasks';

/** The task view's commands (title bar, inline buttons, context menu, keys). */
export const TASK_COMMANDS = {
  groupBy: 'meetingNotes.tasks.groupBy',
  filter: 'meetingNotes.tasks.filter',
  clearFilter: 'meetingNotes.tasks.clearFilter',
  hideFinished: 'meetingNotes.tasks.hideFinished',
  showFinished: 'meetingNotes.tasks.showFinished',
  accept: 'meetingNotes.tasks.accept',
  reject: 'meetingNotes.tasks.reject',
  markDone: 'meetingNotes.tasks.markDone',
  markInProgress: 'meetingNotes.tasks.markInProgress',
  open: 'meetingNotes.tasks.open',
  /** The status-bar click: the view shown and expanded, the first proposal focused. */
  focusProposals: 'meetingNotes.tasks.focusProposals',
} as const;

/** Commands VS Code makes for every view: `<view id>.focus` shows, expands and focuses it. */
export const VIEW_COMMANDS = {
  focusTasks: `${TASKS_VIEW}.focus`,
  showExplorer: 'workbench.view.explorer',
} as const;

/** Context keys we set, for `when` clauses (package.json's menus, keybindings and welcome views). */
export const CONTEXT_KEYS = {
  /** The active markdown editor's cursor (any of them) is on a proposal's line. */
  onProposal: 'meetingNotes.onProposal',
  /** The first workspace scan is done (until then the welcome text would wrongly say "no notes"). */
  ready: 'meetingNotes.ready',
  hasNotes: 'meetingNotes.hasNotes',
  hasTasks: 'meetingNotes.hasTasks',
  tasksFiltered: 'meetingNotes.tasks.filtered',
  tasksHideFinished: 'meetingNotes.tasks.hideFinished',
} as const;

/** Keys in the workspace's memento (`context.workspaceState`). */
export const STATE_KEYS = {
  groupBy: 'meetingNotes.tasks.groupBy',
  hideFinished: 'meetingNotes.tasks.hideFinished',
  /** The task view has been shown once by itself, on a vault with proposals (the first-run path). */
  tasksRevealed: 'meetingNotes.tasks.revealedOnce',
} as const;

/** The UI-only triage settings, read directly (they change no finding, so the core config does not hold them). */
export const TRIAGE_SETTINGS = {
  section: 'meetingNotes',
  moveToNext: 'triage.moveToNext',
  codeLens: 'triage.codeLens',
} as const;
