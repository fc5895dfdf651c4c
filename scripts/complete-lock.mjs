#!/usr/bin/env node
/**
 * Adds lock-file entries for optional platform packages the registry reachable here does not serve
 * (e.g. Biome's macOS and Windows binaries). `npm install` leaves them out of package-lock.json, and then
 * `npm ci` refuses the lock. The entries carry os/cpu/libc taken from the package name, so npm skips them
 * on every other platform without fetching anything. Run after any `npm install` that changes the lock.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2] ?? new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const OS = ['android', 'darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'];
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `${key.replace(/[^/]+(\/[^/]+)?$/, '')}${dep}`.replace(/^\//, '');
    const hoisted = `node_modules/${dep}`;
    if (packages[at] || packages[hoisted]) continue;
    const parts = dep.split(/[/-]/);
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c));
    if (!os || !cpu) continue; // not a platform package: leave it to npm
    const added_ = { version, cpu: [cpu], optional: true, os: [os] };
    if (entry.dev) added_.dev = true;
    if (parts.includes('musl')) added_.libc = ['musl'];
    packages[hoisted] = added_;
    added++;
  }
}
if (added > 0) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: ${added} optional platform entr${added === 1 ? 'y' : 'ies'} added`);
