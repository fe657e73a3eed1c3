/**
 * The conversion thread of `WordConverter`: converts one Word file at a time (`convertWordFile`)
 * and answers the result, or why the file was refused. The bytes arrive transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { ImportRefused } from './errors';
import type { Conversion, ConversionOptions } from './conversion';
import { convertWordFile } from './preview';

export interface ConversionTask {
  bytes: ArrayBuffer;
  options: Omit<ConversionOptions, 'newId'>;
}

export type ConversionMessage =
  | { type: 'done'; conversion: Conversion }
  | { type: 'refused'; status: ImportRefused['status']; message: string; code: string }
  | { type: 'failed'; message: string };

if (!parentPort) throw new Error('conversion-thread.ts runs as a worker thread of the WordConverter');
const port = parentPort;

port.on('message', (task: ConversionTask) => {
  convertWordFile(Buffer.from(task.bytes), task.options).then(
    (conversion) => port.postMessage({ type: 'done', conversion } satisfies ConversionMessage),
    (error: unknown) => {
      if (error instanceof ImportRefused) {
        port.postMessage({ type: 'refused', status: error.status, message: error.message, code: error.code } satisfies ConversionMessage);
      } else {
        // The zip passed its checks, so what fails now is the XML inside it (cut short, not XML):
        // a damaged file, said as such, rather than an internal error.
        port.postMessage({
          type: 'refused',
          status: 422,
          message: 'This Word file is damaged (its text cannot be read). Open it in Word, save it again and retry.',
          code: 'damaged-file',
        } satisfies ConversionMessage);
      }
    },
  );
});
