import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import { EVIDENCE, findEvidence, tooLarge, uploadEvidence } from '../evidence/evidence.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { notFound } from '../http/app-error.js';
import { installMultipart, readUploadedFile } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { IdParams, Instant, responses } from '../http/schemas.js';
import { appealView, getAppeal } from '../results/publication.js';
import { HashSchema } from './submission-view.js';

const EvidenceSchema = Type.Object({
  hash: Type.String(),
  size: Type.Integer(),
  mediaType: Type.String(),
  fileName: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Instant,
  duplicate: Type.Boolean(),
});

/**
 * 申诉材料: a unit's leader files appeals but enters no values, so may not use POST /api/evidence; this
 * uploads into the same content-addressed store for an appeal to cite. An appeal's files are read by
 * whoever may read the appeal (its unit in their scope) — the general evidence rule (a value in scope that
 * cites the file) does not reach files that no value cites.
 */
export function appealEvidenceRoutes(app: AppInstance, ctx: AppContext): void {
  const config = ctx.config.evidence;
  installMultipart(app);

  app.post(
    '/api/appeals/evidence',
    {
      config: { permission: 'appeals.file' },
      schema: {
        tags: ['appeals'],
        summary: 'Upload one file for an appeal to cite (multipart/form-data, field "file")',
        consumes: ['multipart/form-data'],
        response: responses({ 200: EvidenceSchema, 201: EvidenceSchema }),
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
    '/api/appeals/:id/evidence/:hash',
    {
      config: { permission: 'appeals.read' },
      schema: {
        tags: ['appeals'],
        summary: "Download a file an appeal cites (the appeal's unit must be in your data scope)",
        params: Type.Object({ id: IdParams.properties.id, hash: HashSchema }),
        response: responses({ 200: Type.Unknown({ description: 'the file, with its media type' }) }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const appeal = await getAppeal(ctx.db, p.province, request.params.id);
      await requireUnitInScope(ctx.db, p, appeal.unit_code);
      const hash = request.params.hash;
      if (!appealView(appeal).evidence.includes(hash)) throw notFound(EVIDENCE, hash);
      const view = await findEvidence(ctx.db, p.province, hash);
      if (view === undefined) throw notFound(EVIDENCE, hash);
      const content = await new EvidenceStore(config.directory).read(hash);
      return reply
        .type(view.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(view.fileName)}`)
        .send(content);
    },
  );
}
