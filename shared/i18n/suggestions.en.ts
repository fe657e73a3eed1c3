/**
 * English messages of suggesting mode (#17): typing as suggestions, the marks, the margin cards
 * and their decisions.
 */
export const suggestionsEn = {
  /** The export dialog's option: open suggestions marked (Word: tracked changes) or left out. */
  'suggestions.exportOption': 'Open suggestions, marked (in Word as tracked changes)',
  'suggestions.mode': 'Suggesting',
  /** {keys}: the shortcut, e.g. Ctrl+Alt+S. */
  'suggestions.onNote': 'Suggesting: what you type and delete is proposed to the working group, not changed. {keys} to edit directly.',
  'suggestions.forcedNote': 'Suggesting: what you type and delete is proposed to the working group, which accepts or rejects it.',
  'suggestions.forcedTitle': 'You suggest changes here; the working group of the section accepts or rejects them',
  'suggestions.refused.structure': 'Suggestions are text only: new paragraphs, line breaks, lists and tables are left to the working group. Describe them in a comment.',
  'suggestions.refused.formatting': 'Formatting cannot be suggested: describe it in a comment.',

  'suggestions.title': 'Suggestions',
  'suggestions.tabCount': 'open suggestions: {count}',
  'suggestions.insert': 'Add',
  'suggestions.delete': 'Delete',
  /** {name}: who suggested. */
  'suggestions.by': '{name}',
  'suggestions.someone': 'A former participant',
  'suggestions.goToText': 'Show in the text',
  'suggestions.accept': 'Accept',
  'suggestions.reject': 'Reject',
  'suggestions.withdraw': 'Withdraw',
  'suggestions.discuss': 'Discuss',
  'suggestions.acceptAll': 'Accept all',
  'suggestions.rejectAll': 'Reject all',
  /** {name}: an author. */
  'suggestions.byAuthor': 'By {name}',
  'suggestions.acceptBy': 'Accept {name}’s',
  'suggestions.rejectBy': 'Reject {name}’s',
  /** {suggestions}: "3 suggestions". */
  'suggestions.acceptAllConfirm': 'Accept {suggestions} in this section? The text changes for everyone.',
  'suggestions.rejectAllConfirm': 'Reject {suggestions} in this section? They are removed from the text.',
  'suggestions.acceptByConfirm': 'Accept {suggestions} by {name}? The text changes for everyone.',
  'suggestions.rejectByConfirm': 'Reject {suggestions} by {name}? They are removed from the text.',
  'suggestions.live.accepted': 'Accepted: {suggestions}',
  'suggestions.live.rejected': 'Rejected: {suggestions}',
  'suggestions.error.forbidden': 'You may not decide this suggestion.',
  'suggestions.error.gone': 'This suggestion was already decided or withdrawn.',
  'suggestions.readOnly.reviewer': 'Reviewers suggest changes, which the working group accepts or rejects.',
  'suggestions.notice': 'You can suggest changes here, not edit directly: {reason} What you type is shown to everyone as a suggestion.',

  /** {count} open suggestions, e.g. before submitting. */
  'counted.suggestions.one': '{count} suggestion',
  'counted.suggestions.few': '{count} suggestions',
  'counted.suggestions.many': '{count} suggestions',
  'counted.suggestions.other': '{count} suggestions',
  'suggestions.submitOpen.title': 'Open suggestions',
  'suggestions.submitOpen.message': 'The section has {suggestions} that nobody has accepted or rejected. Reviewers judge the text without them. Submit anyway?',
  'suggestions.submitOpen.confirm': 'Submit anyway',

  'suggestions.only.label': 'Suggestions only',
  'suggestions.only.explain': 'While it is on, everyone who may edit this section suggests instead, and the working group accepts or rejects. For a section in review.',
  'suggestions.only.on': 'This section is in “suggestions only”: changes to its text are proposed as suggestions.',
  'suggestions.only.reason': 'The section is in “suggestions only”.',
  'settings.otherGroupsSuggest': 'Members of other groups may suggest on a country’s section',
  'settings.otherGroupsSuggest.explain': 'Their suggestions are accepted or rejected by the country’s working group.',
};
