import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { Policy } from '../authz/policy.decorator.js';
import { LogosRepository } from './logos.repository.js';

const ONE_DAY_SECONDS = 24 * 60 * 60;

/**
 * A cooperative's logo, public (the consent screen shows it before sign-in): served with the
 * type sniffed at upload, never guessed again by the browser, cached for a day (its URL carries
 * the image's hash, so a new logo is a new URL).
 */
@ApiTags('access')
@Policy('public')
@Controller('cooperatives/:coopname/logo')
export class LogoController {
  constructor(@Inject(LogosRepository) private readonly logos: LogosRepository) {}

  @Get()
  @ApiOperation({ summary: 'A cooperative’s logo (public)' })
  @ApiOkResponse({
    description: 'The image (PNG, JPEG or WebP)',
    content: {
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
      'image/webp': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async get(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const logo = await this.logos.find(coopname);
    if (!logo) throw new AppError('NOT_FOUND', 404);
    const etag = `"${logo.sha256}"`;
    void reply
      .header('ETag', etag)
      .header('Cache-Control', `public, max-age=${ONE_DAY_SECONDS}`)
      .header('X-Content-Type-Options', 'nosniff');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('Content-Type', logo.contentType);
    return logo.data;
  }
}
