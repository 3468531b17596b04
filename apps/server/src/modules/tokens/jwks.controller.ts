import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JWK } from 'jose';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TokenService } from './token.service.js';
import { Policy } from '../authz/policy.decorator.js';

/** RFC 7517: the public Ed25519 keys (OKP) tokens are signed with, by `kid`. */
class JwksDto extends createZodDto(
  z.object({
    keys: z.array(
      z.looseObject({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string(),
        kid: z.string(),
        alg: z.literal('EdDSA'),
        use: z.literal('sig'),
      }),
    ),
  }),
) {}

/** Public keys for offline verification of access tokens (cooperatives, other services). */
@ApiTags('tokens')
@Policy('public')
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(TokenService) private readonly tokens: TokenService) {}

  @Get('jwks.json')
  @ApiOperation({ summary: 'The public keys tokens are signed with (JWKS)' })
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: JwksDto })
  jwks(): Promise<{ keys: JWK[] }> {
    return this.tokens.jwks();
  }
}
