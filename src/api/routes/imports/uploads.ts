/**
 * Uploaded import files kept between a preview and its commit: in this process's
 * memory, for a short time (15 minutes by default), bound to the practice and the user
 * who uploaded them, under a random token. A commit whose token is unknown — expired,
 * or made on another server process — answers `upload_expired` and the client uploads
 * again (a commit by re-upload always works). At most 8 uploads per user and 256 MiB
 * in all are kept; the oldest go first.
 */
import { newToken } from '../../../app/tokens.ts';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Upload {
  practiceId: number;
  userId: number;
  files: UploadedFile[];
  /** The import options given with the preview, reused by the commit. */
  options: Record<string, unknown>;
  expiresAt: number;
}

const PER_USER = 8;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

function sizeOf(upload: { files: UploadedFile[] }): number {
  return upload.files.reduce((n, f) => n + f.bytes.byteLength, 0);
}

export class UploadStore {
  readonly #uploads = new Map<string, Upload>();
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(options: { ttlMs: number; now: () => Date }) {
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  /** Keeps an upload; returns its token and when it expires (ISO). */
  put(upload: Omit<Upload, 'expiresAt'>): { token: string; expiresAt: string } {
    this.#prune();
    const mine = [...this.#uploads].filter(([, u]) => u.userId === upload.userId);
    for (const [token] of mine.slice(0, Math.max(0, mine.length - PER_USER + 1))) {
      this.#uploads.delete(token);
    }
    let total = [...this.#uploads.values()].reduce((n, u) => n + sizeOf(u), sizeOf(upload));
    for (const [token, old] of this.#uploads) {
      if (total <= MAX_TOTAL_BYTES) break;
      this.#uploads.delete(token);
      total -= sizeOf(old);
    }
    const token = newToken();
    const expiresAt = this.#now().getTime() + this.#ttlMs;
    this.#uploads.set(token, { ...upload, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Takes the upload out (a token is used once), if it is this user's for this practice. */
  take(token: string, practiceId: number, userId: number): Upload | undefined {
    this.#prune();
    const upload = this.#uploads.get(token);
    if (!upload || upload.practiceId !== practiceId || upload.userId !== userId) return undefined;
    this.#uploads.delete(token);
    return upload;
  }

  /** Puts an upload back after a failed commit, so the user can fix rules and retry. */
  restore(token: string, upload: Upload): void {
    this.#uploads.set(token, upload);
  }

  get size(): number {
    return this.#uploads.size;
  }

  #prune(): void {
    const now = this.#now().getTime();
    for (const [token, upload] of this.#uploads) {
      if (upload.expiresAt <= now) this.#uploads.delete(token);
    }
  }
}
