import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How long a session's state is trusted from memory: a revocation reaches every process within this. */
const CACHE_MS = 5_000;
const MAX_CACHED = 10_000;

/**
 * Whether the session (refresh-token family) an access token belongs to was revoked — by logout, by
 * reuse detection — so the access token stops working at once instead of at its expiry. Answers are
 * cached for a few seconds per process: one query per session per 5 s, not per request.
 */
@Injectable()
export class SessionRevocations {
  private readonly cache = new Map<string, { revoked: boolean; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async isRevoked(sessionId: string): Promise<boolean> {
    const hit = this.cache.get(sessionId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.revoked;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NOT NULL LIMIT 1`,
      [sessionId],
    );
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(sessionId, { revoked: rows.length > 0, at: Date.now() });
    return rows.length > 0;
  }

  /** This process learns of its own revocations at once. */
  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }
}
