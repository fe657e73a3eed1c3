/** Rendering section by section without holding the event loop for the whole master. */
import type { ExportSection, SectionProgress } from './model';

/** Lets timers, sockets and other requests run between two sections of a long export. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Visits the sections in order, yielding to the event loop after each one and reporting progress.
 * Exporters render a section synchronously inside `visit`; this is the only place they wait.
 */
export async function eachSection<T>(
  sections: ExportSection[],
  visit: (section: ExportSection, index: number) => T,
  onProgress?: SectionProgress,
): Promise<T[]> {
  const results: T[] = [];
  for (const [index, section] of sections.entries()) {
    results.push(visit(section, index));
    onProgress?.(index + 1, sections.length);
    await yieldToLoop();
  }
  return results;
}
