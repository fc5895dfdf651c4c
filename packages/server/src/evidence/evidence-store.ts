import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Files kept by their SHA-256 under one directory (`ab/abcdef…`): the same content is stored once, and a
 * stored file can be checked against its name. Writes go to a temporary file first and are renamed into
 * place, so a crash never leaves a half file under a real hash.
 */
export class EvidenceStore {
  readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  static hashOf(content: Uint8Array): string {
    return createHash('sha256').update(content).digest('hex');
  }

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a SHA-256: ${hash}`);
    return join(this.root, hash.slice(0, 2), hash);
  }

  /** Stores `content` unless a file with its hash is there already; returns the hash. */
  async put(content: Uint8Array): Promise<string> {
    const hash = EvidenceStore.hashOf(content);
    const target = this.pathOf(hash);
    if (existsSync(target)) return hash;
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, content, { flag: 'wx' });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return hash;
  }

  read(hash: string): Promise<Buffer> {
    return readFile(this.pathOf(hash));
  }
}
