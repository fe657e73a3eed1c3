/** Entry point: styles first (ProseMirror's own, then ours), then the app. */
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-tables/style/tables.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import './styles.css';
import { App } from './app';
// After every page's own styles: printing shows the document only.
import './print.css';

const root = document.getElementById('app');
if (root) void new App(root).start();
