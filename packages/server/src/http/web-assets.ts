import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** packages/web/dist, from src/http or dist/http of the server package alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * The web application's page: scripts and fonts only from this origin; inline styles because Ant Design
 * writes its CSS at run time; no framing (clickjacking), no plugins.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const API_PREFIX = '/api';
/** Vite's output: names carry a content hash, so a name never changes content. */
const HASHED_PREFIX = '/assets/';

/**
 * Serves the built web application (packages/web/dist) beside the API, when that directory holds an
 * index.html; without it the API runs alone. No route is registered: the files are answered where the
 * router found no route (request.is404), so the route table, the RBAC matrix and docs/rbac.md list the API
 * only and static files are public by construction. Only GET and HEAD outside /api are served: an unknown
 * /api path, or any other method, still gets the problem+json 404. A path naming a file serves it; any
 * other path gets index.html, where the client-side router takes over (SPA fallback).
 */
export async function installWebAssets(app: FastifyInstance, webRoot: string | false): Promise<void> {
  if (webRoot === false || !existsSync(join(webRoot, 'index.html'))) return;
  const root = normalize(webRoot.endsWith(sep) ? webRoot : webRoot + sep);
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false, dotfiles: 'deny' });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const path = request.url.split('?', 1)[0] ?? '/';
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return;
    const file = fileOf(root, path);
    if (file !== undefined && path.startsWith(HASHED_PREFIX)) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.sendFile(file);
    }
    if (file !== undefined && file !== 'index.html') {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(file);
    }
    // A missing hashed asset is a stale page asking for an old build: 404 rather than HTML as JavaScript.
    if (path.startsWith(HASHED_PREFIX)) return;
    return sendIndex(reply);
  });
}

function sendIndex(reply: FastifyReply): FastifyReply {
  reply.header('cache-control', 'no-cache');
  reply.header('content-security-policy', WEB_CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  return reply.sendFile('index.html');
}

/** The file under root that `path` names, relative to root; undefined for directories, escapes and misses. */
function fileOf(root: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  if (!full.startsWith(root)) return undefined;
  try {
    return statSync(full).isFile() ? full.slice(root.length).split(sep).join('/') : undefined;
  } catch {
    return undefined;
  }
}
