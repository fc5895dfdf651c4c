/**
 * Seeded pseudo-random numbers. The engine never uses Math.random: every draw of the sensitivity analysis
 * derives its own stream from (seed, draw index), so results do not depend on how draws are split across
 * worker threads.
 */

/** splitmix32: a fast 32-bit generator with good statistical quality for simulation. */
export function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** The generator for one draw of a seeded simulation. */
export function drawRandom(seed: number, draw: number): () => number {
  return splitmix32(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(draw + 1, 0x165667b1));
}
