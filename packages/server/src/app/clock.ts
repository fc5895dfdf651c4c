/** Where the server reads the time; tests pass their own to move it forward (timeouts, lockout). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
