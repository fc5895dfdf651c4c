import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

const installed = new WeakSet<object>();

/**
 * Accept multipart/form-data uploads (evidence, imports), once per app whichever route module asks first.
 * Each route passes its own size limit to `request.file()`; the defaults here allow one file and no fields.
 */
export function installMultipart(app: FastifyInstance): void {
  if (installed.has(app)) return;
  installed.add(app);
  void app.register(fastifyMultipart, { limits: { files: 1, fields: 0, parts: 1 } });
}
