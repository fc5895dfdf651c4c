import type { LightMyRequestResponse } from 'fastify';
import type { Act } from '../app/act.js';
import type { AppConfig } from '../app/app-config.js';
import type { AppInstance } from '../app/app-instance.js';
import { buildApp } from '../app/build-app.js';
import type { PasswordHashing } from '../auth/password-hasher.js';
import { createPasswordHasher } from '../auth/password-hasher.js';
import type { Role } from '../auth/roles.js';
import type { Db } from '../db/database.js';
import { createUser } from '../users/create-user.js';
import type { User } from '../users/user.js';

/** argon2id at its cheapest: tests check behaviour, not cost (the default cost is checked on its own). */
export const FAST_HASHING: PasswordHashing = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** A password that meets the default policy (12+ characters, 3+ classes). */
export const PASSWORD = 'Correct-Horse-9';

/** A clock tests move by hand. */
export class TestClock {
  constructor(public current = new Date('2026-11-23T08:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export async function makeApp(db: Db, clock: TestClock, config: AppConfig = {}): Promise<AppInstance> {
  return buildApp({
    db,
    clock: clock.now,
    config: { passwordHashing: FAST_HASHING, cookieSecure: false, ...config },
  });
}

const hasher = createPasswordHasher(FAST_HASHING);
let users = 0;

/** An account of `province` made directly (no HTTP), able to sign in at once. */
export async function seedUser(
  db: Db,
  province: string,
  roles: readonly Role[],
  options: { unitCode?: string | null; username?: string; password?: string; at?: Date } = {},
): Promise<User> {
  const username = options.username ?? `u${++users}-${roles.join('-') || 'none'}`.toLowerCase();
  const act: Act = {
    province,
    actor: 'test',
    role: 'test',
    requestId: undefined,
    at: (options.at ?? new Date('2026-11-23T07:00:00.000Z')).toISOString(),
    auditAlgorithm: 'sha256',
  };
  return createUser(db, hasher, act, {
    username,
    displayName: username,
    password: options.password ?? PASSWORD,
    roles,
    unitCode: options.unitCode ?? null,
    mustChangePassword: false,
  });
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers of a cookie-authenticated write: the cookie and its CSRF token. */
  headers: Record<string, string>;
}

export function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'xn_session');
  if (cookie === undefined) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie: `xn_session=${cookie.value}`,
    csrf,
    headers: { cookie: `xn_session=${cookie.value}`, 'x-csrf-token': csrf },
  };
}

export async function signIn(app: AppInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return sessionOf(res);
}

/** Audit entries of a province, oldest first, as (action, actor) pairs and full rows. */
export async function auditActions(db: Db, province: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .select(['action'])
    .where('province_code', '=', province)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}
