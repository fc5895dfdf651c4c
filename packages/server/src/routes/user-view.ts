import Type from 'typebox';
import { Instant, Nullable, RoleSchema, UnitCodeSchema } from '../http/schemas.js';

/** An account as the API shows it (the response schema drops anything else, the password hash first). */
export const UserSchema = Type.Object({
  id: Type.String(),
  province: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  unitCode: Nullable(UnitCodeSchema),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
  failedAttempts: Type.Integer(),
  lockedUntil: Nullable(Instant),
  passwordChangedAt: Instant,
  createdAt: Instant,
  version: Type.Integer(),
});
