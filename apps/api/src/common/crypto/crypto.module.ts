import { Global, Module } from '@nestjs/common';
import { CredentialCipher } from './credential-cipher.service';

@Global()
@Module({ providers: [CredentialCipher], exports: [CredentialCipher] })
export class CryptoModule {}
