import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { localeFrom } from '../i18n/locale.js';
import type { Locale } from '../i18n/locale.js';

/** The client address, as far as TRUST_PROXY lets it be known. */
export const ClientIp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<FastifyRequest>().ip,
);

/** ru or en from Accept-Language: the language of mails this request triggers. */
export const RequestLocale = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Locale =>
    localeFrom(context.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);
