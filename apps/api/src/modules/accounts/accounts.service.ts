import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CredentialCipher } from '../../common/crypto/credential-cipher';
import { NotFoundError } from '../../common/errors';
import { ProjectsService } from '../projects/projects.service';
import { AccountResponse } from './dto/account.response';
import { ConnectAccountDto } from './dto/connect-account.dto';
import { maskHint, primarySecret } from './credentials/credential-shapes';
import { AccountConnectionEntity } from './entities/account-connection.entity';

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(AccountConnectionEntity)
    private readonly accounts: Repository<AccountConnectionEntity>,
    private readonly projects: ProjectsService,
    private readonly cipher: CredentialCipher,
  ) {}

  async connect(userId: string, dto: ConnectAccountDto): Promise<AccountResponse> {
    await this.projects.findOwned(userId, dto.project_id);
    const credentials = dto.credentials as Record<string, string | undefined>;
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
    return AccountResponse.from(row);
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
