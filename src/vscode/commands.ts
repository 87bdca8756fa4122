/** Command ids: stable, users bind keys to them. */
export const COMMANDS = {
  createPersonNote: 'meetingNotes.createPersonNote',
  addKnownPerson: 'meetingNotes.addKnownPerson',
  createPeopleRegistry: 'meetingNotes.createPeopleRegistry',
  acceptAllInNote: 'meetingNotes.acceptAllProposalsInNote',
  rejectAllInNote: 'meetingNotes.rejectAllProposalsInNote',
  showLog: 'meetingNotes.showLog',
} as const;
