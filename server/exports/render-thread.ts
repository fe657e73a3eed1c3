/**
 * A render thread of the `RenderPool`: it renders one export at a time, as the server would in
 * process (`renderExport`), and hands the file's bytes back without copying them. The document
 * arrives by structured clone, so it is plain data (Dates stay Dates).
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderExport } from './formats';
import type { ExportFormat, MasterDocument, RenderOptions } from './model';

/**
 * What the pool sends a thread: the document's sections one message each (cloning a whole master at
 * once held the server's event loop for up to 10 ms), then the rest of it and what to render.
 */
export type RenderTask =
  | { kind: 'section'; task: number; section: MasterDocument['sections'][number] }
  | { kind: 'render'; task: number; document: MasterDocument; format: ExportFormat; options: RenderOptions };

/** What a thread answers: progress after each section, then the file or why there is none. */
export type RenderThreadMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; bytes: ArrayBuffer }
  | { type: 'failed'; message: string };

if (!parentPort) throw new Error('render-thread.ts runs as a worker thread of the RenderPool');
const port = parentPort;

/**
 * On Linux each thread has a nice value of its own: when the cores are all busy, a render gives way
 * to the event loop, whose keystrokes should never wait for a PDF. The lowest priority there is:
 * at 10 a render still took about a tenth of a core the event loop wanted, which doubled the
 * p99 of typing elsewhere while exports ran (#21); a render on an idle core runs as fast at 19. Elsewhere the same call would
 * lower the whole server, so it is not made; nor where the server already runs nicer than this
 * (raising a priority back needs privileges).
 */
const RENDER_NICE = 19;
if (process.platform === 'linux' && os.getPriority() < RENDER_NICE) os.setPriority(RENDER_NICE);

/**
 * The sections received for the next render, in order, and the task they belong to: a hand-over
 * the pool gave up half way (a section it could not clone) leaves sections of its own here, which
 * the next task's first section replaces.
 */
let received: { task: number; sections: MasterDocument['sections'] } = { task: -1, sections: [] };

port.on('message', (task: RenderTask) => {
  if (received.task !== task.task) received = { task: task.task, sections: [] };
  if (task.kind === 'section') {
    received.sections.push(task.section);
    return;
  }
  const document: MasterDocument = { ...task.document, sections: received.sections };
  received = { task: -1, sections: [] };
  void render(document, task.format, task.options).then(
    (bytes) => port.postMessage({ type: 'done', bytes } satisfies RenderThreadMessage, [bytes]),
    (error: unknown) => {
      const message = error instanceof Error && error.message ? error.message : String(error);
      port.postMessage({ type: 'failed', message } satisfies RenderThreadMessage);
    },
  );
});

async function render(document: MasterDocument, format: ExportFormat, options: RenderOptions): Promise<ArrayBuffer> {
  const file = await renderExport(document, format, options, (done, total) =>
    port.postMessage({ type: 'progress', done, total } satisfies RenderThreadMessage),
  );
  return ownBuffer(file);
}

/**
 * The file's bytes in an ArrayBuffer of their own, to be transferred. A small Buffer is a slice of
 * Node's shared allocation pool: transferring that would take the pool away from everything else.
 */
function ownBuffer(file: Buffer): ArrayBuffer {
  if (file.byteOffset === 0 && file.byteLength === file.buffer.byteLength && file.buffer instanceof ArrayBuffer) return file.buffer;
  const copy = new Uint8Array(file.byteLength);
  copy.set(file);
  return copy.buffer;
}
