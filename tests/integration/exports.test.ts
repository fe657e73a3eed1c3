/**
 * Exports over HTTP on a real workspace server: start a job, follow it, download the file, with
 * real sessions and the policy deciding. The export router is mounted on an app of its own around
 * the server's services (sessions are shared), so the clock and the renderer can be held.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { strFromU8, unzipSync } from 'fflate';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { ApiErrorBody, ExportJob } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { COURSE_TITLE } from '../../shared/workspace';
import { renderExport } from '../../server/exports/formats';
import { ExportJobs } from '../../server/exports/jobs';
import type { MasterSource } from '../../server/exports/model';
import { handleErrors, loadSession, requireSameOriginJson, requireSignIn } from '../../server/http/middleware';
import { exportRoutes } from '../../server/http/routes/exports';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let exportServer: http.Server;
let exportUrl: string;
let jobs: ExportJobs;
let clock = Date.now();
/** Renders wait for this gate: a test closes it to catch a job before it is ready. */
let gate: Promise<void> = Promise.resolve();
const progress: { job: ExportJob; personId: number }[] = [];
const cookies = new Map<TestPerson, string>();
let kazakh: TestPerson, reviewer: TestPerson;
let client: CollabClient;

/** The master as the server holds it: current texts from Yjs (approved texts are the domain's business). */
function serverSource(): MasterSource {
  const { sections } = workspace.server.services;
  return {
    load: (state, ids) => ({
      courseTitle: COURSE_TITLE,
      generatedAt: new Date(clock),
      state,
      sections: sections
        .list()
        .filter((section) => !ids || ids.includes(section.id))
        .map((section) => ({
          ...section,
          state: state === 'current' ? 'current' : 'draft-unapproved',
          content: workspace.server.content.snapshot(section.id).json as Record<string, unknown>,
          approvals: [],
          openComments: [],
        })),
    }),
  };
}

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kazakh = await addTestPerson(workspace, 'member', 'KZ', 'Айгерим');
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Reviewer');
  for (const person of [kazakh, reviewer]) cookies.set(person, await signIn(workspace.url, person.email, person.password));

  jobs = new ExportJobs({
    now: () => clock,
    onProgress: (job, personId) => progress.push({ job, personId }),
    render: async (...args) => {
      await gate;
      return renderExport(...args);
    },
  });
  const { services } = workspace.server;
  const app = express();
  const apiRouter = express.Router();
  apiRouter.use(express.json());
  apiRouter.use(requireSameOriginJson(services));
  apiRouter.use(loadSession(services));
  apiRouter.use(requireSignIn);
  apiRouter.use(exportRoutes(services, { source: serverSource(), jobs }));
  apiRouter.use(handleErrors);
  app.use('/api', apiRouter);
  exportServer = http.createServer(app);
  await new Promise<void>((resolve) => exportServer.listen(0, '127.0.0.1', resolve));
  exportUrl = `http://127.0.0.1:${(exportServer.address() as AddressInfo).port}`;

  client = connectCollab(workspace.url, 'national-kz', cookies.get(kazakh)!);
  await synced(client);
  prosemirrorJSONToYXmlFragment(schema, richSectionJSON(), client.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => JSON.stringify(workspace.server.content.snapshot('national-kz').json).includes('Тоҷикӣ'), 'content on the server');
});

afterAll(async () => {
  client?.destroy();
  jobs?.close();
  exportServer?.closeAllConnections();
  await new Promise((resolve) => exportServer?.close(resolve));
  await workspace?.stop();
});

const as = (person: TestPerson | null) => api(exportUrl, person ? cookies.get(person)! : null);
const download = (person: TestPerson, id: string) => fetch(`${exportUrl}/api/exports/${id}/file`, { headers: { Cookie: cookies.get(person)! } });

async function finished(person: TestPerson, id: string): Promise<ExportJob> {
  for (;;) {
    const { status, body } = await as(person)('GET', `/exports/${id}`);
    expect(status).toBe(200);
    const job = body as ExportJob;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a member exports the whole master as DOCX: 202, progress to 1, and a named attachment', async () => {
  const started = await as(kazakh)('POST', '/exports', { scope: 'master', state: 'current', format: 'docx', includeApprovalRecord: true });
  expect(started.status).toBe(202);
  const job = started.body as ExportJob;
  expect(job).toMatchObject({ status: 'queued', progress: 0 });
  expect(job.fileName).toMatch(/^International-Migration-Law-and-Return-Migration_master_current_\d{4}-\d{2}-\d{2}\.docx$/);

  expect(await finished(kazakh, job.id)).toMatchObject({ status: 'done', progress: 1 });
  const mine = progress.filter((event) => event.job.id === job.id);
  expect(mine.every((event) => event.personId === kazakh.id)).toBe(true);
  expect(mine.map((event) => event.job.progress).at(-1)).toBe(1);

  const response = await download(kazakh, job.id);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${job.fileName}"; filename*=UTF-8''${job.fileName}`);
  const xml = strFromU8(unzipSync(new Uint8Array(await response.arrayBuffer()))['word/document.xml']);
  for (const sample of Object.values(SCRIPT_SAMPLES)) expect(xml).toContain(sample);
  expect(xml).toContain('2.5 Uzbekistan: national legal norms and management experience');
});

test('a reviewer exports one section as PDF, in Russian, with that section’s text', async () => {
  const started = await as(reviewer)('POST', '/exports', { scope: 'national-kz', state: 'approved', format: 'pdf', locale: 'ru' });
  expect(started.status).toBe(202);
  const job = started.body as ExportJob;
  expect(job.fileName).toMatch(/_national-kz_approved_\d{4}-\d{2}-\d{2}\.pdf$/);
  expect((await finished(reviewer, job.id)).status).toBe('done');
  const response = await download(reviewer, job.id);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-it-'));
  try {
    fs.writeFileSync(path.join(dir, 'section.pdf'), Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'section.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(SCRIPT_SAMPLES.tajik);
    expect(text).toContain('Черновик — ещё не утверждён');
    expect(text).toContain('2.1 Kazakhstan');
    expect(text).not.toContain('1.1 Basic concepts');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('requests are checked: 400 with a message, 404 for an unknown section, 401 when signed out', async () => {
  const badFormat = await as(kazakh)('POST', '/exports', { scope: 'master', state: 'current', format: 'odt' });
  expect(badFormat.status).toBe(400);
  expect((badFormat.body as ApiErrorBody).error).toMatch(/^format: /);
  const noState = await as(kazakh)('POST', '/exports', { scope: 'master', format: 'pdf' });
  expect(noState.status).toBe(400);
  expect((noState.body as ApiErrorBody).error).toMatch(/^state: /);
  const unknown = await as(kazakh)('POST', '/exports', { scope: 'national-xx', state: 'current', format: 'pdf' });
  expect(unknown.status).toBe(404);
  expect((await as(null)('POST', '/exports', { scope: 'master', state: 'current', format: 'pdf' })).status).toBe(401);
});

test('only the person who started an export sees it or downloads it', async () => {
  const job = (await as(kazakh)('POST', '/exports', { scope: 'master', state: 'current', format: 'md' })).body as ExportJob;
  await finished(kazakh, job.id);
  expect((await as(reviewer)('GET', `/exports/${job.id}`)).status).toBe(404);
  expect((await download(reviewer, job.id)).status).toBe(404);
  expect((await download(kazakh, job.id)).status).toBe(200);
});

test('a file not ready yet is 409; an expired one is 410', async () => {
  let open: () => void = () => undefined;
  gate = new Promise((resolve) => (open = resolve));
  const job = (await as(kazakh)('POST', '/exports', { scope: 'regional-1', state: 'current', format: 'html' })).body as ExportJob;
  const early = await download(kazakh, job.id);
  expect(early.status).toBe(409);
  expect(((await early.json()) as ApiErrorBody).code).toBe('not-ready');
  open();
  gate = Promise.resolve();
  await finished(kazakh, job.id);
  const ready = await download(kazakh, job.id);
  expect(ready.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await ready.text()).toMatch(/^<!doctype html>/);

  clock += 15 * 60_000;
  const expired = await download(kazakh, job.id);
  expect(expired.status).toBe(410);
  expect(((await expired.json()) as ApiErrorBody).error).toMatch(/expired/);
});

test('the workspace server itself serves exports the same way', async () => {
  const started = await api(workspace.url, cookies.get(kazakh)!)('POST', '/exports', { scope: 'master', state: 'current', format: 'md' });
  expect(started.status).toBe(202);
  const id = (started.body as ExportJob).id;
  for (;;) {
    const job = (await api(workspace.url, cookies.get(kazakh)!)('GET', `/exports/${id}`)).body as ExportJob;
    if (job.status === 'done') break;
    expect(job.status).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const file = await fetch(`${workspace.url}/api/exports/${id}/file`, { headers: { Cookie: cookies.get(kazakh)! } });
  expect(file.status).toBe(200);
  expect(await file.text()).toContain(SCRIPT_SAMPLES.kazakh);
});
