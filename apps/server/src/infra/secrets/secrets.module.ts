import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ServerCrypto } from '../crypto/server-crypto.js';
import { SERVER_SECRETS } from './secrets.js';
import type { ServerSecrets } from './secrets.js';

/** Key material loaded before the app is built, and the at-rest crypto made from it. */
@Global()
@Module({})
export class SecretsModule {
  static forRoot(secrets: ServerSecrets): DynamicModule {
    return {
      module: SecretsModule,
      providers: [
        { provide: SERVER_SECRETS, useValue: secrets },
        { provide: ServerCrypto, useValue: new ServerCrypto(secrets.masterKeys) },
      ],
      exports: [SERVER_SECRETS, ServerCrypto],
    };
  }
}
