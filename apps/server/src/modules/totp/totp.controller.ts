import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  backupCodesSchema,
  secondFactorSchema,
  totpConfirmSchema,
  totpSetupSchema,
  totpStatusSchema,
} from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import { CurrentMember, MembersOnly } from '../sessions/member.guard.js';
import type { Member } from '../sessions/sessions.service.js';
import { TotpService } from './totp.service.js';

class TotpSetupDto extends createZodDto(totpSetupSchema) {}
class TotpConfirmDto extends createZodDto(totpConfirmSchema) {}
class SecondFactorDto extends createZodDto(secondFactorSchema) {}
class BackupCodesDto extends createZodDto(backupCodesSchema) {}
class TotpStatusDto extends createZodDto(totpStatusSchema) {}

@ApiTags('auth')
@MembersOnly()
@Controller('auth/totp')
export class TotpController {
  constructor(@Inject(TotpService) private readonly totp: TotpService) {}

  @Get()
  @ApiOkResponse({ type: TotpStatusDto })
  status(@CurrentMember() member: Member): Promise<TotpStatusDto> {
    return this.totp.status(member.userId);
  }

  @Post('setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpSetupDto })
  setup(@CurrentMember() member: Member): Promise<TotpSetupDto> {
    return this.totp.setup(member.userId);
  }

  /** The first valid code turns 2FA on; the answer holds the backup codes, shown this once. */
  @Post('confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: BackupCodesDto })
  confirm(
    @CurrentMember() member: Member,
    @Body() body: TotpConfirmDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<BackupCodesDto> {
    return this.totp.confirm(member.userId, body.code, ip, locale);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiNoContentResponse()
  disable(
    @CurrentMember() member: Member,
    @Body() body: SecondFactorDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    return this.totp.disable(member.userId, body, ip, locale);
  }

  @Post('backup-codes')
  @HttpCode(200)
  @ApiOkResponse({ type: BackupCodesDto })
  regenerate(
    @CurrentMember() member: Member,
    @Body() body: SecondFactorDto,
    @ClientIp() ip: string,
  ): Promise<BackupCodesDto> {
    return this.totp.regenerateBackupCodes(member.userId, body, ip);
  }
}
