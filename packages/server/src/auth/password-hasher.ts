import { hash, verify } from '@node-rs/argon2';

/** argon2id cost parameters. */
export interface PasswordHashing {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's first recommended argon2id setting: 19 MiB, 2 passes, 1 lane (~20 ms here). */
export const DEFAULT_PASSWORD_HASHING: PasswordHashing = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  /** A PHC string (`$argon2id$v=19$m=…`) with its own salt and parameters. */
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash that cannot be read; never throws for either. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the time of one verification and returns false: a sign-in for an unknown username takes as
   * long as one for a known username with a wrong password.
   */
  verifyNothing(password: string): Promise<false>;
}

// argon2id is @node-rs/argon2's default algorithm; the hash's `$argon2id$` prefix is checked by a test.
export function createPasswordHasher(params: PasswordHashing = DEFAULT_PASSWORD_HASHING): PasswordHasher {
  let dummy: Promise<string> | undefined;
  const verifySafely = async (passwordHash: string, password: string): Promise<boolean> => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  };
  return {
    hash: (password) => hash(password, params),
    verify: verifySafely,
    async verifyNothing(password) {
      dummy ??= hash('xiaoneng: no such account', params);
      await verifySafely(await dummy, password);
      return false;
    },
  };
}
