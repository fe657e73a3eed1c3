/**
 * English messages of the connection status beside a section's title: what has reached the server
 * and when. The older `connection.*` keys (states, close reasons) stay in `en.ts`.
 */
export const connectionEn = {
  /** A state with what goes with it: "Offline — 3 changes not yet on the server, last saved 14:01". */
  'connection.withDetails': '{state} — {details}',
  'connection.detailsSeparator': ', ',
  'connection.state.reconnecting': 'Reconnecting',
  'connection.saved': 'Saved {time}',
  'connection.lastSaved': 'last saved {time}',
  /** Unsent changes are written to this device's copy of the section: closing the page loses nothing. */
  'connection.keptHere': 'kept on this device',
  'connection.sending.one': 'Sending {count} change',
  'connection.sending.few': 'Sending {count} changes',
  'connection.sending.many': 'Sending {count} changes',
  'connection.sending.other': 'Sending {count} changes',
  'connection.unsaved.one': '{count} change not yet on the server',
  'connection.unsaved.few': '{count} changes not yet on the server',
  'connection.unsaved.many': '{count} changes not yet on the server',
  'connection.unsaved.other': '{count} changes not yet on the server',
} as const;
