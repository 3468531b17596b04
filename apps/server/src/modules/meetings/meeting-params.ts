import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { meetingExternalIdSchema } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';

/** The cooperative's own id of a meeting in the path: 422 when it is not one. */
@Injectable()
export class ExternalIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const parsed = meetingExternalIdSchema.safeParse(value);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', 422, {
        details: [{ path: 'external_id', code: 'invalid_format', message: parsed.error.message }],
      });
    }
    return parsed.data;
  }
}

/** A meeting id in the path: anything but a UUID names no meeting (404). */
@Injectable()
export class MeetingIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!z.uuid().safeParse(value).success) throw new AppError('NOT_FOUND', 404);
    return value;
  }
}
