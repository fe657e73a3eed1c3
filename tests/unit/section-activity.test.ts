/**
 * While people type, "last edited" is written when a burst starts and then at most once a second
 * (with the latest editor), announcements go out once a second, and a burst that goes quiet is
 * saved as an automatic version once, with everybody who typed in it.
 */
import { SectionActivity } from '../../server/domain/section-activity';
import type { SectionContent } from '../../server/domain/section-content';
import type { Sections } from '../../server/domain/sections';
import { WorkspaceEventBus } from '../../server/events';

const QUIET_MS = 10_000;

function setup() {
  const writes: { id: string; by: number; at: number }[] = [];
  const sections = {
    recordEdit: (id: string, by: number, at: Date) => writes.push({ id, by, at: at.getTime() }),
    find: (id: string) => ({ id }),
  } as unknown as Sections;
  const invalidated: string[] = [];
  const content = { invalidate: (id: string) => invalidated.push(id) } as unknown as SectionContent;
  const events = new WorkspaceEventBus();
  const announced: string[] = [];
  events.on('section-status-changed', (id) => announced.push(id));
  const bursts: { id: string; authors: number[] }[] = [];
  const activity = new SectionActivity(sections, content, events, QUIET_MS, (id, authors) => bursts.push({ id, authors: [...authors].sort() }));
  return { activity, writes, invalidated, announced, bursts };
}

// Announcements are spread over real turns of the event loop (setImmediate); time is faked.
beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
afterEach(() => jest.useRealTimers());

/** Runs timers, and the setImmediate turns the announcements are spread over. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('a second of typing by three people writes "last edited" twice: at the start and the latest after', async () => {
  const { activity, writes, invalidated, announced } = setup();
  activity.edited('national-kz', 1);
  for (let i = 0; i < 50; i++) activity.edited('national-kz', (i % 3) + 1);
  expect(writes).toHaveLength(1);
  expect(writes[0].by).toBe(1);
  expect(invalidated).toHaveLength(51);
  await advance(1_000);
  expect(writes).toHaveLength(2);
  expect(writes[1].by).toBe((49 % 3) + 1);
  expect(announced).toEqual(['national-kz']);
});

test('sections typed in together are announced one per turn, each once a second', async () => {
  const { activity, announced } = setup();
  for (const id of ['regional-1', 'regional-2', 'regional-3']) activity.edited(id, 7);
  await advance(1_000);
  expect(announced.sort()).toEqual(['regional-1', 'regional-2', 'regional-3']);
  activity.edited('regional-1', 7);
  await advance(500);
  expect(announced).toHaveLength(3);
  await advance(600);
  expect(announced).toHaveLength(4);
});

test('a burst is saved once, after it has been quiet, with everybody who typed in it', async () => {
  const { activity, bursts } = setup();
  activity.edited('national-uz', 1);
  await advance(QUIET_MS - 1_000);
  activity.edited('national-uz', 2);
  await advance(QUIET_MS - 1_000);
  // Still typing within the quiet period: nothing saved yet.
  expect(bursts).toHaveLength(0);
  await advance(1_500);
  expect(bursts).toEqual([{ id: 'national-uz', authors: [1, 2] }]);
  await advance(QUIET_MS * 2);
  expect(bursts).toHaveLength(1);
});

test('stopping saves the unfinished burst and writes the last editor not yet written', async () => {
  const { activity, writes, bursts } = setup();
  activity.edited('national-tj', 4);
  activity.edited('national-tj', 5);
  activity.stop();
  expect(writes.map((w) => w.by)).toEqual([4, 5]);
  expect(bursts).toEqual([{ id: 'national-tj', authors: [4, 5] }]);
});
