import { Module } from '@nestjs/common';
import { LogosRepository } from './logos.repository.js';

/** Cooperatives' logos: set in the business panel, shown on the consent screen. */
@Module({ providers: [LogosRepository], exports: [LogosRepository] })
export class LogosModule {}

/** The public, versioned address of a cooperative's logo. */
export const logoUrl = (coopname: string, sha256: string): string =>
  `/api/v1/cooperatives/${coopname}/logo?v=${sha256.slice(0, 16)}`;
