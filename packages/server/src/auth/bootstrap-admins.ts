import { randomInt } from 'node:crypto';
import type { Act } from '../app/act.js';
import { inTransaction, recordAudit } from '../app/act.js';
import { type Clock, systemClock } from '../app/clock.js';
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm } from '../audit/hash-algorithm.js';
import type { Db } from '../db/database.js';
import { createUser } from '../users/create-user.js';
import { createPasswordHasher, DEFAULT_PASSWORD_HASHING, type PasswordHashing } from './password-hasher.js';
import { passwordIssues } from './password-policy.js';
import { ADMIN_ROLES, type AdminRole } from './roles.js';
import { DEFAULT_SECURITY_POLICY, getSecurityPolicy, settingsToRow } from './security-policy.js';

export interface BootstrapOptions {
  province: { code: string; name: string };
  /** Passwords to set; a role left out gets a random one, returned once and stored nowhere. */
  passwords?: Partial<Record<AdminRole, string>>;
  /** Usernames; default `sysadmin`, `secadmin`, `auditor`. */
  usernames?: Partial<Record<AdminRole, string>>;
  /** Whether the first sign-in must change the password; default true. The demo turns it off. */
  mustChangePassword?: boolean;
  clock?: Clock;
  passwordHashing?: PasswordHashing;
  auditAlgorithm?: HashAlgorithm;
}

export interface BootstrapResult {
  /** False when the province already had administrators: nothing was done. */
  bootstrapped: boolean;
  accounts: { role: AdminRole; username: string; password: string; generated: boolean }[];
}

/**
 * First run: the province (if new), its security policy row with the defaults, and the three separate
 * administrators (三员分立), one account each, recorded in the audit log as acts of `system`. Does nothing
 * once the province has any administrator, so that it is safe to call on every start.
 */
export async function bootstrapAdmins(db: Db, options: BootstrapOptions): Promise<BootstrapResult> {
  const clock = options.clock ?? systemClock;
  const hasher = createPasswordHasher(options.passwordHashing ?? DEFAULT_PASSWORD_HASHING);
  const province = options.province.code;
  const act: Act = {
    province,
    actor: 'system',
    role: 'bootstrap',
    requestId: undefined,
    at: clock().toISOString(),
    auditAlgorithm: options.auditAlgorithm ?? DEFAULT_HASH_ALGORITHM,
  };
  const admins = await db
    .selectFrom('user_account')
    .select('id')
    .where('province_code', '=', province)
    .where((eb) => eb.or(ADMIN_ROLES.map((r) => eb('roles', 'like', `%"${r}"%`))))
    .executeTakeFirst();
  if (admins !== undefined) return { bootstrapped: false, accounts: [] };

  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('province')
      .select('code')
      .where('code', '=', province)
      .executeTakeFirst();
    if (existing === undefined) {
      await trx
        .insertInto('province')
        .values({ code: province, name: options.province.name, created_at: act.at })
        .execute();
      await recordAudit(trx, act, {
        action: 'province.create',
        entity: 'province',
        entityId: province,
        after: options.province,
      });
    }
    const policy = await getSecurityPolicy(trx, province);
    if (policy.version === 0) {
      await trx
        .insertInto('security_policy')
        .values({ province_code: province, ...settingsToRow(DEFAULT_SECURITY_POLICY), updated_at: act.at })
        .execute();
      await recordAudit(trx, act, {
        action: 'policy.update',
        entity: 'security_policy',
        entityId: province,
        after: DEFAULT_SECURITY_POLICY,
      });
    }
    const accounts: BootstrapResult['accounts'] = [];
    for (const role of ADMIN_ROLES) {
      const username = options.usernames?.[role] ?? role;
      const given = options.passwords?.[role];
      const password = given ?? randomPassword(username);
      await createUser(trx, hasher, act, {
        username,
        displayName: role,
        password,
        roles: [role],
        unitCode: null,
        mustChangePassword: options.mustChangePassword ?? true,
      });
      accounts.push({ role, username: username.toLowerCase(), password, generated: given === undefined });
    }
    return { bootstrapped: true, accounts };
  });
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!';

/** 20 characters without look-alikes (0/O, 1/l/I), drawn until they meet the default policy. */
export function randomPassword(username: string): string {
  for (;;) {
    let p = '';
    for (let i = 0; i < 20; i++) p += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordIssues(p, DEFAULT_SECURITY_POLICY, { username, path: 'password' }).length === 0) return p;
  }
}
