import Type from 'typebox';
import { recordAudit } from '../app/act.js';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { rowToAuditEntry } from '../audit/audit-entry.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { negotiateLocale } from '../http/locale.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Instant, Nullable, responses } from '../http/schemas.js';

export const EntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Instant,
  actor: Type.String(),
  role: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  beforeJson: Nullable(Type.String({ description: 'canonical JSON, exactly as hashed' })),
  afterJson: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  prevHash: Type.String(),
  hash: Type.String(),
  algorithm: Type.String(),
});

const VerificationSchema = Type.Object({
  ok: Type.Boolean(),
  province: Type.String(),
  entries: Type.Integer(),
  headSeq: Type.Integer(),
  headHash: Type.String(),
  break: Nullable(Type.Object({ seq: Type.Integer(), reason: Type.String(), message: Type.String() })),
});

export function auditRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: "Page through the province's audit log, oldest first",
        querystring: Type.Object(
          {
            afterSeq: Type.Integer({ minimum: 0, default: 0 }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            action: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            actor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            items: Type.Array(EntrySchema),
            nextAfterSeq: Nullable(Type.Integer({ description: 'pass as afterSeq for the next page' })),
          }),
        }),
      },
    },
    async (request) => {
      const { afterSeq, limit, action, actor } = request.query;
      let q = ctx.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('province_code', '=', principalOf(request).province)
        .where('seq', '>', afterSeq);
      if (action !== undefined) q = q.where('action', '=', action);
      if (actor !== undefined) q = q.where('actor', '=', actor);
      const rows = await q
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(rowToAuditEntry);
      return { items, nextAfterSeq: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
    },
  );

  app.post(
    '/api/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: "Verify the province's hash chain from its first entry (the check is itself recorded)",
        response: responses({ 200: VerificationSchema }),
      },
    },
    async (request) => {
      const act = actOf(ctx, request);
      const result = await verifyAuditChain(ctx.db, { province: act.province });
      const chain = result.chains[0] ?? { province: act.province, entries: 0, headSeq: 0, headHash: '' };
      const locale = negotiateLocale(request.headers['accept-language']);
      const found = chain.break;
      const report = {
        ok: found === undefined,
        province: act.province,
        entries: chain.entries,
        headSeq: chain.headSeq,
        headHash: chain.headHash,
        break:
          found === undefined
            ? null
            : { seq: found.seq, reason: found.reason, message: found.message[locale] },
      };
      await ctx.db.transaction().execute((trx) =>
        recordAudit(trx, act, {
          action: 'audit.verify',
          entity: 'audit_entry',
          entityId: act.province,
          after: { ok: report.ok, entries: report.entries, headSeq: report.headSeq, break: report.break },
        }),
      );
      return report;
    },
  );
}
