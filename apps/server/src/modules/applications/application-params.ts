import { createParamDecorator, Injectable } from '@nestjs/common';
import type { ExecutionContext, PipeTransform } from '@nestjs/common';
import { applicationDocumentKindSchema } from '@cardcoop/contracts';
import type { ApplicationDocumentKind } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { AuthorizedRequest } from '../authz/policy.guard.js';
import type { Actor } from './applications.service.js';

/** The member acting (staff of the cooperative or the operator's reviewer) and their IP. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<AuthorizedRequest>();
    if (!request.member) throw new AppError('UNAUTHORIZED', 401);
    return { userId: request.member.userId, ip: request.ip };
  },
);

/** `:kind` of a document: charter, egrul_extract, chairman_decision or other (404 otherwise). */
@Injectable()
export class DocumentKindPipe implements PipeTransform<string, ApplicationDocumentKind> {
  transform(value: string): ApplicationDocumentKind {
    const parsed = applicationDocumentKindSchema.safeParse(value);
    if (!parsed.success) throw new AppError('NOT_FOUND', 404);
    return parsed.data;
  }
}
