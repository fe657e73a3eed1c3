/**
 * The one place that turns domain records into the JSON the client sees. Each presenter returns
 * its `shared/api` type and copies exactly the fields it names, so a route cannot leak a field
 * the contract does not declare.
 */
export { presentAttribution } from './attribution';
export { presentAuditEntry, presentAuditPage } from './audit';
export { presentComment, presentThread } from './comments';
export { presentDashboard, presentDashboardRow } from './dashboard';
export { presentDocumentDiff } from './documents';
export { presentExportJob } from './exports';
export { presentCreatedInvitation, presentInvitation } from './invitations';
export { presentNotification, presentNotificationList, presentUnreadCount } from './notifications';
export { presentManagedPerson, presentPerson } from './people';
export {
  presentApprovalState,
  presentApprovedText,
  presentReview,
  presentReviewEvent,
  presentReviewHistory,
} from './reviews';
export { presentSection } from './sections';
export { presentMe } from './session';
export { presentSettings } from './settings';
export { presentSuggestion, presentSuggestionDecision } from './suggestions';
export { presentVersion, presentVersionWithContent } from './versions';
