/**
 * Reading and writing the session cookie (httpOnly, SameSite=Lax, Secure behind https). Every
 * transport reads it (HTTP requests, socket.io handshakes, collab upgrades), so it sits below them all.
 */
import type { IncomingMessage } from 'node:http';
import { parse, serialize } from 'cookie';
import { SESSION_COOKIE } from '../domain/sessions';

export function sessionToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(0) });
}
