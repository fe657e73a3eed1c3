/** English messages. Signing in again without leaving the page when a session ended; what this device keeps. */
export const sessionDialogEn = {
  /** {changes}: "3 changes not yet on the server". */
  'sessionDialog.unsent': '{changes}. If you cannot sign in again, download them to keep them.',
  'sessionDialog.title': 'Sign in again',
  'sessionDialog.message': 'Your session has ended. Sign in again to carry on; your changes on this page are kept.',
  'sessionDialog.submit': 'Sign in and carry on',
  'sessionDialog.leave': 'Go to the sign-in page',

  'device.sharedComputer': 'This is a shared computer: don’t keep copies on this device',
  'device.sharedComputerHint': 'Otherwise the sections you open are kept here, so you can work without a network.',
  'device.account': 'Your account and this device',
  'device.copiesDeleted.one': 'Copies are no longer kept on this device. {count} copy of a section was deleted.',
  'device.copiesDeleted.few': 'Copies are no longer kept on this device. {count} copies of sections were deleted.',
  'device.copiesDeleted.many': 'Copies are no longer kept on this device. {count} copies of sections were deleted.',
  'device.copiesDeleted.other': 'Copies are no longer kept on this device. {count} copies of sections were deleted.',
  'device.noCopiesKept': 'Copies are no longer kept on this device. None were kept here.',
  'device.keepingCopies': 'Sections you open are kept on this device again, so you can work without a network.',
  'device.signOutTitle': 'Sign out and delete unsent changes?',
  'device.unsent.one': '{count} change made on this device has not reached the server yet (sections: {sections}). Signing out deletes it.',
  'device.unsent.few': '{count} changes made on this device have not reached the server yet (sections: {sections}). Signing out deletes them.',
  'device.unsent.many': '{count} changes made on this device have not reached the server yet (sections: {sections}). Signing out deletes them.',
  'device.unsent.other': '{count} changes made on this device have not reached the server yet (sections: {sections}). Signing out deletes them.',
  'device.staySignedIn': 'Stay signed in',
  'device.signOutAndDelete': 'Sign out and delete them',
  'device.signedOutCopiesDeleted': 'Signed out. The copies of sections kept on this device were deleted.',
  'device.signedOut': 'Signed out. No copies of your sections are kept on this device.',
} as const;
