/**
 * A lean WebSocket client (RFC 6455 over net.Socket: binary frames, ping/pong, close) for load and
 * resilience tests that open thousands of connections or carry hundreds of clients in one process,
 * where the `ws` client's per-connection and per-message costs would dominate what is measured.
 */
import crypto from 'node:crypto';
import net from 'node:net';

export interface LeanOptions {
  host: string;
  port: number;
  path: string;
  headers?: Record<string, string>;
}

/** The server answered the upgrade with something other than 101. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    statusLine: string,
  ) {
    super(`upgrade refused: ${statusLine}`);
  }
}

/** A minimal RFC 6455 client on net.Socket: binary frames, ping/pong, close. */
export class LeanWebSocket {
  private buffer: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private open = false;
  closed = false;
  /** The close code the server sent, once it did. */
  closeCode: number | null = null;
  onclose: () => void = () => undefined;
  private handler: ((data: Uint8Array) => void) | null = null;
  /** Frames that arrived before anyone listened (with the handshake answer). */
  private early: Uint8Array[] = [];

  get onmessage(): (data: Uint8Array) => void {
    return this.handler ?? ((data) => this.early.push(Buffer.from(data)));
  }

  set onmessage(handler: (data: Uint8Array) => void) {
    this.handler = handler;
    for (const frame of this.early.splice(0)) handler(frame);
  }

  private constructor(private readonly socket: net.Socket) {}

  static connect(options: LeanOptions, timeoutMs = 15_000): Promise<LeanWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: options.host, port: options.port });
      socket.setNoDelay(true);
      const ws = new LeanWebSocket(socket);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('websocket handshake timed out'));
      }, timeoutMs);
      let head = Buffer.alloc(0);
      const onHandshake = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onHandshake);
        clearTimeout(timer);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!/^HTTP\/1\.1 101/.test(status)) {
          socket.destroy();
          reject(new UpgradeRefused(Number(/^HTTP\/1\.1 (\d+)/.exec(status)?.[1] ?? 0), status));
          return;
        }
        ws.open = true;
        socket.on('data', (data: Buffer) => ws.receive(data));
        const rest = head.subarray(end + 4);
        resolve(ws);
        if (rest.length > 0) ws.receive(rest);
      };
      socket.on('data', onHandshake);
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (!ws.open) reject(error);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (!ws.open) reject(new Error('the connection closed during the handshake'));
        if (!ws.closed) {
          ws.closed = true;
          ws.onclose();
        }
      });
      socket.write(upgradeRequest(options));
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    const buf = this.buffer;
    while (buf.length - offset >= 2) {
      const b0 = buf[offset];
      const b1 = buf[offset + 1];
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buf.length - offset < 4) break;
        length = buf.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (buf.length - offset < 10) break;
        length = Number(buf.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (b1 & 0x80) header += 4; // servers do not mask, but be lenient
      if (buf.length - offset < header + length) break;
      const payload = buf.subarray(offset + header, offset + header + length);
      offset += header + length;
      const opcode = b0 & 0x0f;
      const fin = (b0 & 0x80) !== 0;
      if (opcode === 0x2 || opcode === 0x0) {
        if (!fin) {
          this.fragments.push(Buffer.from(payload));
          continue;
        }
        if (this.fragments.length > 0) {
          this.fragments.push(payload);
          const whole = Buffer.concat(this.fragments);
          this.fragments = [];
          this.onmessage(whole);
        } else this.onmessage(payload);
      } else if (opcode === 0x9) {
        this.frame(0xa, payload);
      } else if (opcode === 0x8) {
        this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.frame(0x8, payload.subarray(0, 2));
        this.socket.end();
      }
    }
    this.buffer = offset >= buf.length ? Buffer.alloc(0) : buf.subarray(offset);
  }

  private frame(opcode: number, payload: Uint8Array): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(maskedFrame(payload, opcode));
  }

  /** Sends one frame: binary by default (opcode 0x1 sends text). */
  send(payload: Uint8Array, opcode = 0x2): void {
    this.frame(opcode, payload);
  }

  close(): void {
    if (this.closed) return;
    this.frame(0x8, Buffer.from([0x03, 0xe8]));
    this.closed = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  terminate(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/** One client-to-server frame (masked, as RFC 6455 requires of clients). */
export function maskedFrame(payload: Uint8Array, opcode = 0x2): Buffer {
  const length = payload.length;
  const header = length < 126 ? 6 : length < 65536 ? 8 : 14;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = (Math.random() * 0xffffffff) >>> 0;
  frame.writeUInt32BE(mask, header - 4);
  const m = [(mask >>> 24) & 0xff, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff];
  for (let i = 0; i < length; i++) frame[header + i] = payload[i] ^ m[i & 3];
  return frame;
}

/** The HTTP request that opens a WebSocket on `path`. */
export function upgradeRequest(options: LeanOptions): string {
  const key = crypto.randomBytes(16).toString('base64');
  const extra = Object.entries(options.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return (
    `GET ${options.path} HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`
  );
}

/**
 * Writes an upgrade request with `frames` pipelined right behind it (as a client that does not
 * wait for the answer would), and resolves with the HTTP status of the answer.
 */
export function pipelinedUpgrade(options: LeanOptions, frames: Buffer[], timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: options.host, port: options.port });
    let head = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer to the upgrade'));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d+)/.exec(head);
      if (match) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const match = /^HTTP\/1\.1 (\d+)/.exec(head);
      resolve(match ? Number(match[1]) : 0);
    });
    socket.write(Buffer.concat([Buffer.from(upgradeRequest(options), 'latin1'), ...frames]));
  });
}
