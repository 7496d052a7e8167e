import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../../common/crypto/credential-cipher.service';
import { NotFoundError } from '../../common/errors';
import { ProjectsService } from '../projects/projects.service';
import { AccountTester } from '../orchestrator/account-tester.service';
import { AccountGate, Caller } from './account-gate.service';
import { AccountTestResponse } from './dto/account-test.response';
import { AccountResponse } from './dto/account.response';
import { TestAccountDto } from './dto/test-account.dto';
import { ConnectAccountDto } from './dto/connect-account.dto';
import { maskHint, primarySecret } from './credentials/credential-hints';
import { AccountConnectionEntity } from './entities/account-connection.entity';

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(AccountConnectionEntity)
    private readonly accounts: Repository<AccountConnectionEntity>,
    private readonly projects: ProjectsService,
    private readonly cipher: CredentialCipher,
    private readonly tester: AccountTester,
    private readonly gate: AccountGate,
  ) {}

  async connect(caller: Caller, dto: ConnectAccountDto): Promise<AccountResponse> {
    await this.projects.findOwned(caller.userId, dto.project_id);
    const credentials = dto.credentials as Record<string, string | undefined>;
    this.gate.check(dto.service_type, credentials);
    await this.gate.countTest(caller);
    const row = await this.accounts.save(
      this.accounts.create({
        projectId: dto.project_id,
        serviceType: dto.service_type,
        name: dto.name ?? dto.service_type,
        credentialsEncrypted: this.cipher.encrypt(credentials),
        credentialsHint: maskHint(primarySecret(dto.service_type, credentials)),
        config: dto.config ?? {},
        status: 'inactive',
        lastTested: null,
        lastError: null,
        cursor: null,
      }),
    );
    // Connecting tests at once: the answer shows active, or error with the reason.
    await this.tester.testAndRecord(row);
    return AccountResponse.from(row);
  }

  /** Tests a stored account again and records the outcome. */
  async test(caller: Caller, id: string): Promise<AccountTestResponse> {
    const row = await this.findOwned(caller.userId, id);
    await this.gate.countTest(caller);
    return this.tester.testAndRecord(row);
  }

  /** Tests the connect form's fields without saving them. */
  async testUnsaved(caller: Caller, dto: TestAccountDto): Promise<AccountTestResponse> {
    this.gate.check(dto.service_type, dto.credentials as Record<string, string | undefined>);
    await this.gate.countTest(caller);
    return this.tester.test(
      'unsaved',
      'unsaved',
      dto.service_type,
      dto.credentials as Record<string, string | undefined>,
      dto.config ?? {},
    );
  }

  async listByProject(userId: string, projectId: string): Promise<AccountResponse[]> {
    await this.projects.findOwned(userId, projectId);
    const rows = await this.accounts.find({
      where: { projectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(AccountResponse.from);
  }

  async get(userId: string, id: string): Promise<AccountResponse> {
    return AccountResponse.from(await this.findOwned(userId, id));
  }

  async remove(userId: string, id: string): Promise<void> {
    const row = await this.findOwned(userId, id);
    await this.accounts.delete({ id: row.id });
  }

  /** The account if its project belongs to the user (one query, scoped by the owner). */
  async findOwned(userId: string, id: string): Promise<AccountConnectionEntity> {
    const row = await this.accounts
      .createQueryBuilder('a')
      .innerJoin('a.project', 'p', 'p.user_id = :userId', { userId })
      .where('a.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('Account');
    return row;
  }
}
