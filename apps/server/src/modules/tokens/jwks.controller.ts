import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JWK } from 'jose';
import { TokenService } from './token.service.js';

/** Public keys for offline verification of access tokens (cooperatives, other services). */
@ApiTags('tokens')
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(TokenService) private readonly tokens: TokenService) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<{ keys: JWK[] }> {
    return this.tokens.jwks();
  }
}
