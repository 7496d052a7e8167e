import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MultiFernet } from './fernet';

/** Encrypts credentials at rest as Fernet tokens under ENCRYPTION_KEY (first key encrypts, all decrypt). */
@Injectable()
export class CredentialCipher {
  private readonly fernet: MultiFernet;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.fernet = new MultiFernet(config.encryptionKeys);
  }

  encrypt(value: object): string {
    return this.fernet.encrypt(JSON.stringify(value));
  }

  decrypt<T>(token: string): T {
    return JSON.parse(this.fernet.decrypt(token).toString('utf8')) as T;
  }
}
