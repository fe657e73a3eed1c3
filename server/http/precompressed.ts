/**
 * Serves the Brotli or gzip copy the build wrote beside a text file (see `precompress` in
 * vite.config.mts) to a browser that accepts it. The groups' links are often 3G-class, where the
 * client's script is most of a first visit; compressing at build time costs no CPU per request.
 */
import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

/** The content types of the files the build compresses, by extension. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The copies tried, best first: Brotli is a fifth smaller than gzip on our script. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings an `Accept-Encoding` header allows (q > 0); `*` allows any not named. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const allowed = new Set<string>();
  const refused = new Set<string>();
  let any = false;
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)).find(Boolean);
    const quality = q ? Number(q[1]) : 1;
    if (name === '*') any = quality > 0;
    else (quality > 0 ? allowed : refused).add(name);
  }
  if (any) for (const { name } of ENCODINGS) if (!refused.has(name)) allowed.add(name);
  return allowed;
}

/** The content type of a built file, by its extension (null: not one the build compresses). */
export function contentTypeOf(file: string): string | null {
  return TYPES[path.extname(file)] ?? null;
}

/** A copy of `file` the browser accepts, if the build wrote one. */
export function compressedCopy(file: string, acceptEncoding: string | undefined): { file: string; encoding: string } | null {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const { name, suffix } of ENCODINGS) {
    if (accepted.has(name) && fs.existsSync(file + suffix)) return { file: file + suffix, encoding: name };
  }
  return null;
}

/**
 * Before `express.static`: a request for a compressible file under `root` that has a copy the
 * browser accepts is pointed at the copy, with its encoding and the original's type. `static`
 * then serves it (ranges, ETags, 304s and the cache headers work as for any file).
 */
export function servePrecompressed(root: string): express.RequestHandler {
  const base = path.resolve(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const type = contentTypeOf(req.path);
    if (!type) return next();
    // Caches between here and the browser must keep one copy per encoding.
    res.setHeader('Vary', 'Accept-Encoding');
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.resolve(base, `.${relative}`);
    if (!file.startsWith(base + path.sep)) return next();
    const copy = compressedCopy(file, req.headers['accept-encoding']);
    if (!copy) return next();
    res.setHeader('Content-Encoding', copy.encoding);
    res.setHeader('Content-Type', type);
    req.url = req.url.replace(/^[^?]*/, (pathname) => pathname + copy.file.slice(file.length));
    next();
  };
}
