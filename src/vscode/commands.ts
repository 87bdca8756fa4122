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
  /** Internal: run by the "… a known person…" quick fix, to pick who replaces a name. */
  pickPerson: 'meetingNotes.people.pickPerson',
} as const;

/** Context keys we set, for `when` clauses. */
export const CONTEXT_KEYS = {
  /** The active markdown editor's cursor (any of them) is on a proposal's line. */
  onProposal: 'meetingNotes.onProposal',
} as const;

/** The UI-only triage settings, read directly (they change no finding, so the core config does not hold them). */
export const TRIAGE_SETTINGS = {
  section: 'meetingNotes',
  moveToNext: 'triage.moveToNext',
  codeLens: 'triage.codeLens',
} as const;
