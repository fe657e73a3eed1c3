/** English messages of footnotes (#18). */
export const footnotesEn = {
  'toolbar.footnote': 'Footnote',
  'toolbar.crossReference': 'Insert cross-reference',
  'footnotes.marker': 'Footnote {number}',
  'footnotes.open': 'Footnote {number}: open the note',
  'footnotes.editor': 'Text of footnote {number}',
  'footnotes.placeholder': 'Write the note…',
  'footnotes.empty': 'Empty note',
  'footnotes.close': 'Close the note',
  'footnotes.closeHint': 'Esc closes',
  'footnotes.notes': 'Notes',
  'footnotes.goTo': 'Go to footnote {number} in the text',
  'paste.wordComment': '{author} (a comment in Word): {body}',
};
