import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { opaquePublicKeySchema } from '@cardcoop/contracts';
import { OPAQUE_SETUP_VERSION, OpaqueService } from './opaque.service.js';
import { Policy } from '../authz/policy.decorator.js';

class OpaquePublicKeyDto extends createZodDto(opaquePublicKeySchema) {}

/**
 * The server's OPAQUE public key, published so clients can pin it (docs/protocol.md): a login
 * whose `serverStaticPublicKey` differs from the pinned key is talking to another server.
 */
@ApiTags('auth')
@Policy('public')
@Controller('.well-known')
export class OpaqueKeyController {
  constructor(@Inject(OpaqueService) private readonly opaque: OpaqueService) {}

  @Get('opaque-public-key')
  @ApiOperation({ summary: 'The server’s OPAQUE public key, to pin' })
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: OpaquePublicKeyDto })
  async publicKey(): Promise<OpaquePublicKeyDto> {
    return {
      opaque_public_key: await this.opaque.publicKey(),
      setup_version: OPAQUE_SETUP_VERSION,
    };
  }
}
