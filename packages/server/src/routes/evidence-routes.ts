import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { readEvidence, tooLarge, uploadEvidence } from '../evidence/evidence.js';
import { installMultipart, readUploadedFile } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Instant, responses } from '../http/schemas.js';
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
      const file = await readUploadedFile(request, config.maxBytes, () => tooLarge(config.maxBytes));
      const saved = await uploadEvidence(ctx.db, config, actOf(ctx, request), {
        content: file.content,
        fileName: file.fileName || 'evidence',
        declaredType: file.mediaType,
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
