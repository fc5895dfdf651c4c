import type { Source } from '@xiaoneng/engine';
import type { Principal } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';

/**
 * Who enters which source (多源数据): units report their own figures; third-party evaluators, inspectors and
 * the office's public survey are separate sources, each entered by its own role, never by the unit.
 */
export const SOURCE_OF_ROLE: Partial<Record<Role, Source>> = {
  reporter: 'self',
  thirdParty: 'thirdParty',
  inspector: 'inspection',
  office: 'survey',
};

export function sourcesOf(principal: Principal): Source[] {
  if (principal.kind !== 'user') return [];
  return principal.roles.flatMap((r) => (SOURCE_OF_ROLE[r] === undefined ? [] : [SOURCE_OF_ROLE[r]]));
}

export function requireSource(principal: Principal, source: Source): void {
  if (sourcesOf(principal).includes(source)) return;
  throw problem(
    'source_not_allowed',
    t(`您的角色不能录入来源为“${source}”的数据`, `your roles cannot enter values of the source "${source}"`),
    { errors: [{ path: 'body.source', message: t('与您的角色不符', 'does not match your roles') }] },
  );
}
