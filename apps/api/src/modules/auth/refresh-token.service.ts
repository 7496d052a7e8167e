import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthenticationError } from '../../common/errors';
import { CredentialCipher } from '../../common/crypto/credential-cipher.service';
import { matchesDigest, sha256Hex } from '../../common/crypto/digest';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SessionRevocations } from './session-revocations.service';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  /** The session (token family) it belongs to; access tokens carry it as `sid`. */
  familyId: string;
}

/** Issues, rotates and revokes refresh tokens ("<id>.<secret>"; only the secret's hash is kept). */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cipher: CredentialCipher,
    private readonly revocations: SessionRevocations,
  ) {}

  issue(
    userId: string,
    familyId: string = randomUUID(),
    manager: EntityManager = this.db.manager,
  ): Promise<IssuedRefreshToken> {
    return this.insert(manager, userId, familyId);
  }

  /**
   * Exchanges a valid token for a new one of the same family. A token rotated moments ago (within
   * REFRESH_REUSE_GRACE_SECONDS: two tabs refreshing at once) yields the same successor again; one
   * rotated earlier means it was copied: the whole family is revoked and the caller must log in again.
   */
  async rotate(presented: string): Promise<{ userId: string; next: IssuedRefreshToken }> {
    // The revocation on reuse must commit, so the transaction answers instead of throwing.
    const outcome = await this.db.transaction(async (m) => {
      const row = await this.find(m, presented, true);
      if (!row || row.revokedAt) return { error: 'Invalid refresh token' } as const;
      if (row.rotatedAt) {
        const again = await this.successorInGrace(m, row);
        if (again) return { userId: row.userId, next: again };
        await this.revokeFamily(m, row.familyId);
        return {
          error: 'Refresh token reuse detected; the session was revoked',
        } as const;
      }
      if (row.expiresAt.getTime() <= Date.now()) return { error: 'Refresh token expired' } as const;
      const next = await this.insert(m, row.userId, row.familyId);
      await m.update(
        RefreshTokenEntity,
        { id: row.id },
        { rotatedAt: new Date(), successorEncrypted: this.cipher.encrypt({ token: next.token, at: next.expiresAt }) },
      );
      return { userId: row.userId, next };
    });
    if ('error' in outcome) throw new AuthenticationError(outcome.error);
    return outcome;
  }

  /** Revokes the family of a presented token; unknown tokens are ignored. */
  async revoke(presented: string): Promise<void> {
    const row = await this.find(this.db.manager, presented, false);
    if (row) await this.revokeFamily(this.db.manager, row.familyId);
  }

  /** The successor of a token rotated within the grace period, if that successor is still valid. */
  private async successorInGrace(m: EntityManager, row: RefreshTokenEntity): Promise<IssuedRefreshToken | null> {
    const graceMs = this.config.refreshReuseGraceSeconds * 1000;
    if (!row.rotatedAt || !row.successorEncrypted || Date.now() - row.rotatedAt.getTime() > graceMs) return null;
    const { token, at } = this.cipher.decrypt<{ token: string; at: string }>(row.successorEncrypted);
    const successor = await this.find(m, token, false);
    if (!successor || successor.revokedAt || successor.expiresAt.getTime() <= Date.now()) return null;
    return { token, expiresAt: new Date(at), familyId: row.familyId };
  }

  private async insert(m: EntityManager, userId: string, familyId: string): Promise<IssuedRefreshToken> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.refreshTokenDays * 86_400_000);
    const row = await m.save(
      m.create(RefreshTokenEntity, {
        userId,
        familyId,
        tokenHash: sha256Hex(secret),
        expiresAt,
        rotatedAt: null,
        successorEncrypted: null,
        revokedAt: null,
      }),
    );
    return { token: `${row.id}.${secret}`, expiresAt, familyId };
  }

  private async find(m: EntityManager, presented: string, lock: boolean): Promise<RefreshTokenEntity | null> {
    const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(presented);
    if (!match) return null;
    const row = await m.findOne(RefreshTokenEntity, {
      where: { id: match[1] },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    return matchesDigest(match[2], row.tokenHash) ? row : null;
  }

  private async revokeFamily(m: EntityManager, familyId: string): Promise<void> {
    await m.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.revocations.forget(familyId);
  }
}
