/**
 * A render thread for the render pool's tests: the real one, but a document whose course title is
 * 'exit' ends the thread (code 3) and one titled 'throw' throws out of it, both before the render
 * can answer.
 */
import { parentPort } from 'node:worker_threads';
import '../../server/exports/render-thread';
import type { RenderTask } from '../../server/exports/render-thread';

parentPort?.on('message', (task: RenderTask) => {
  if (task.kind !== 'render') return;
  if (task.document.courseTitle === 'exit') process.exit(3);
  if (task.document.courseTitle === 'throw') throw new Error('the renderer blew up');
});
