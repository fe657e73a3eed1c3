/// <reference types="vite/client" />
/** Entry point: styles first (ProseMirror's own, then ours), then the app. */
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-tables/style/tables.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import './styles.css';
import { App } from './app';
import { installAppWorker } from './offline/app-update';
// After every page's own styles: printing shows the document only.
import './print.css';

const root = document.getElementById('app');
if (root) void new App(root).start();
// Only the built app: under `npm run dev` a worker would serve stale modules to Vite's reloads.
if (import.meta.env.PROD) installAppWorker();
