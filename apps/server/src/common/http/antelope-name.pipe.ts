import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { antelopeNameSchema } from '@cardcoop/contracts';
import { AppError } from '../errors/app-error.js';

/** A path parameter that must be an Antelope account name (a coopname or a username): 422 if not. */
@Injectable()
export class AntelopeNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const parsed = antelopeNameSchema.safeParse(value);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 422);
    return parsed.data;
  }
}
