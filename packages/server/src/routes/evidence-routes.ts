import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { readEvidence, tooLarge, uploadEvidence } from '../evidence/evidence.js';
import { problem } from '../http/app-error.js';
import { installMultipart } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Instant, responses } from '../http/schemas.js';
import { t } from '../localised.js';
import { HashSchema } from './submission-view.js';

const EvidenceSchema = Type.Object({
  hash: Type.String(),
  size: Type.Integer(),
  mediaType: Type.String(),
  fileName: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Instant,
});
const HashParams = Type.Object({ hash: HashSchema });

export function evidenceRoutes(app: AppInstance, ctx: AppContext): void {
  const config = ctx.config.evidence;
  installMultipart(app);

  app.post(
    '/api/evidence',
    {
      config: { permission: 'submissions.write' },
      schema: {
        tags: ['evidence'],
        summary:
          'Upload one evidence file (multipart/form-data, field "file"); the same content is stored once',
        consumes: ['multipart/form-data'],
        response: responses({
          200: Type.Object({ ...EvidenceSchema.properties, duplicate: Type.Literal(true) }),
          201: Type.Object({ ...EvidenceSchema.properties, duplicate: Type.Literal(false) }),
        }),
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw problem(
          'unsupported_media_type',
          t('请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data'),
        );
      // The limit stops the stream early instead of buffering an oversize upload.
      const part = await request.file({ limits: { fileSize: config.maxBytes } });
      if (part === undefined)
        throw problem('validation_failed', t('缺少文件', 'no file was sent'), {
          errors: [{ path: 'body.file', message: t('必填', 'is required') }],
        });
      let content: Buffer;
      try {
        content = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(config.maxBytes);
        throw err;
      }
      const saved = await uploadEvidence(ctx.db, config, actOf(ctx, request), {
        content,
        fileName: part.filename || 'evidence',
        declaredType: part.mimetype,
      });
      return reply.code(saved.duplicate ? 200 : 201).send(saved);
    },
  );

  app.get(
    '/api/evidence/:hash',
    {
      config: { permission: 'submissions.read' },
      schema: {
        tags: ['evidence'],
        summary: 'Download evidence: allowed to whoever may read a value it supports, and to its uploader',
        params: HashParams,
        response: responses({ 200: Type.Unknown({ description: 'the file, with its media type' }) }),
      },
    },
    async (request, reply) => {
      const act = actOf(ctx, request);
      const { view, content } = await readEvidence(
        ctx.db,
        config,
        principalOf(request),
        act.actor,
        request.params.hash,
      );
      return reply
        .type(view.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(view.fileName)}`)
        .send(content);
    },
  );
}
