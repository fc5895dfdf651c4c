import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { t } from '../localised.js';
import { type AppError, problem } from './app-error.js';

const installed = new WeakSet<object>();

/**
 * Accept multipart/form-data uploads (evidence, imports), once per app whichever route module asks first.
 * Each route passes its own size limit to `readUploadedFile`; the defaults here allow one file, no fields.
 */
export function installMultipart(app: FastifyInstance): void {
  if (installed.has(app)) return;
  installed.add(app);
  void app.register(fastifyMultipart, { limits: { files: 1, fields: 0, parts: 1 } });
}

export interface UploadedFile {
  content: Buffer;
  fileName: string;
  mediaType: string;
}

/**
 * The one file of a multipart request. The limit stops the stream as soon as it is passed instead of
 * buffering an oversize upload; `tooLarge` is the problem the route reports then.
 */
export async function readUploadedFile(
  request: FastifyRequest,
  maxBytes: number,
  tooLarge: () => AppError,
): Promise<UploadedFile> {
  if (!request.isMultipart())
    throw problem(
      'unsupported_media_type',
      t('请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data'),
    );
  const part = await request.file({ limits: { fileSize: maxBytes } });
  if (part === undefined)
    throw problem('validation_failed', t('缺少文件', 'no file was sent'), {
      errors: [{ path: 'body.file', message: t('必填', 'is required') }],
    });
  try {
    return { content: await part.toBuffer(), fileName: part.filename, mediaType: part.mimetype };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
}
