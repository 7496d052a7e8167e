import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AccountConfig, AccountTestResult, ServiceType } from '@mozaic/contracts';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../../common/crypto/credential-cipher.service';
import { AccountConnectionEntity } from '../accounts/entities/account-connection.entity';
import { describeSourceError } from './source-error';
import { SourceRunner } from './source-runner.service';

type Credentials = Record<string, string | undefined>;

/** Connection tests: of a stored account (its status is recorded), or of a form not yet saved. */
@Injectable()
export class AccountTester {
  constructor(
    @InjectRepository(AccountConnectionEntity) private readonly accounts: Repository<AccountConnectionEntity>,
    private readonly runner: SourceRunner,
    private readonly cipher: CredentialCipher,
  ) {}

  /** Tests and records status, last_tested and a sanitized last_error; a passing account is collected soon. */
  async testAndRecord(row: AccountConnectionEntity): Promise<AccountTestResult> {
    const credentials = this.cipher.decrypt<Credentials>(row.credentialsEncrypted);
    const result = await this.test(row.id, row.projectId, row.serviceType, credentials, row.config);
    await this.accounts.update(
      { id: row.id },
      {
        status: result.status,
        lastTested: new Date(result.tested_at),
        lastError: result.error,
        ...(result.ok ? { failures: 0, nextCollectAt: new Date() } : {}),
      },
    );
    row.status = result.status;
    row.lastTested = new Date(result.tested_at);
    row.lastError = result.error;
    return result;
  }

  async test(
    accountId: string,
    projectId: string,
    type: ServiceType,
    credentials: Credentials,
    config: AccountConfig,
  ): Promise<AccountTestResult> {
    const testedAt = new Date().toISOString();
    try {
      const detail = await this.runner.run({ accountId, projectId, type, credentials, config }, (p, ctx) =>
        p.test(ctx),
      );
      return { ok: true, status: 'active', detail, error: null, tested_at: testedAt };
    } catch (e) {
      const error = describeSourceError(
        e,
        Object.values(credentials).filter((v): v is string => !!v),
      );
      return { ok: false, status: 'error', detail: null, error, tested_at: testedAt };
    }
  }
}
