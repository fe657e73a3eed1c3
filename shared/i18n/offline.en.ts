/**
 * English messages of offline work: this device's copies of sections, and what happens to
 * changes the server will not take any more.
 */
export const offlineEn = {
  'offline.refused.title': 'Your changes could not be saved',
  /** {changes}: "3 changes not yet on the server"; {reason}: why the section is read-only for you now. */
  'offline.refused.body': 'You can no longer edit this section: {reason} {changes}: they are kept on this device only. Download them to keep them, then discard them to see the section as it is on the server.',
  'offline.lost.title': 'This section can no longer be opened',
  'offline.lost.body': 'The section was deleted or you may no longer read it. {changes}: they are kept on this device only. Download them to keep them.',
  'offline.deactivated.title': 'Your account was deactivated',
  'offline.deactivated.body': '{changes}: they are kept on this device only. Download them before you leave this page.',
  'offline.download': 'Download your version',
  'offline.discard': 'Discard them',
  'offline.discardConfirm': 'Discard the changes kept on this device? They cannot be recovered.',
  'offline.continue': 'Continue to sign-in',
  'offline.download.fileName': '{title} — my version {date}',
  'offline.download.note': 'Saved from this device on {time}. These changes did not reach the syllabus workspace.',
};
