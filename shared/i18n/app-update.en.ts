/** English messages. The app as installed on this device (service worker): opening without a network, data shown from the device's copy, a new version offered. */
export const appUpdateEn = {
  'appUpdate.available': 'A new version of the workspace is available.',
  'appUpdate.reload': 'Reload to update',
  'appUpdate.reloading': 'Updating…',
  'appUpdate.offlineCopy': 'You are offline: this page shows what this device kept at {time}.',
  'appUpdate.banners': 'Workspace notices',
};
