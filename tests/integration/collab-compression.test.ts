/**
 * A section's first sync is compressed on the wire when the client offers permessage-deflate (as
 * browsers do), and plain for a client that does not (#21). The state of a long section is most
 * of what opening it costs on a 3G-class link.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as decoding from 'lib0/decoding';
import { MESSAGE_ACCESS } from '../../shared/collab-protocol';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { connectCollab, synced } from '../support/collab-client';
import { onServer } from '../support/collab-state';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let cookie: string;
const SECTION = 'national-kz';

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const person = await addTestPerson(workspace, 'member', 'KZ');
  cookie = await signIn(workspace.url, person.email, person.password);
});
afterAll(async () => {
  await workspace.stop();
});

/** Opens the section with or without offering compression; the bytes that came over the socket by its first sync. */
async function firstSync(compress: boolean): Promise<{ bytes: number; text: string }> {
  const origin = new URL(workspace.url).origin;
  const sockets: WebSocket[] = [];
  const Socket = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin, Cookie: cookie }, perMessageDeflate: compress });
      sockets.push(this);
    }
  };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${workspace.url.replace(/^http/, 'ws')}/collab`, SECTION, doc, {
    WebSocketPolyfill: Socket as never,
    disableBc: true,
  });
  // The server says what access the person has (our message type): read it, as the app does.
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder: decoding.Decoder) => void decoding.readVarString(decoder);
  try {
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    expect(sockets).toHaveLength(1);
    expect(sockets[0].extensions).toBe(compress ? 'permessage-deflate' : '');
    const raw = (sockets[0] as unknown as { _socket: { bytesRead: number } })._socket;
    return { bytes: raw?.bytesRead ?? 0, text: doc.getXmlFragment(CONTENT_FRAGMENT).toString() };
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

test('the first sync of a long section comes compressed to a browser-like client, and whole', async () => {
  const writer = connectCollab(workspace.url, SECTION, cookie);
  await synced(writer);
  const paragraph = 'Readmission agreements between the Russian Federation and the countries of Central Asia set out how a person is returned. ';
  const content = Array.from({ length: 400 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `${i + 1}. ${paragraph.repeat(2)}` }] }));
  writer.doc.transact(() => prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, writer.doc.getXmlFragment(CONTENT_FRAGMENT)));
  const size = Y.encodeStateAsUpdate(writer.doc).length;
  await waitFor(() => onServer(workspace, SECTION, (doc) => Y.encodeStateAsUpdate(doc).length) >= size, 'the server holds the text', 10_000);
  writer.destroy();

  const compressed = await firstSync(true);
  const plain = await firstSync(false);
  expect(plain.text).toBe(compressed.text);
  expect(compressed.text).toContain('400. Readmission agreements');
  // Without compression every byte of the state crosses the wire; with it, well under half.
  expect(plain.bytes).toBeGreaterThan(size);
  expect(compressed.bytes).toBeLessThan(plain.bytes / 2);
});
