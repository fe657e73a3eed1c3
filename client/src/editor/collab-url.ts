/** The collab endpoint's address on this page's server (ws: or wss: as the page was loaded). */
export function collabUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/collab`;
}
