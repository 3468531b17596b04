import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  backupCodesSchema,
  secondFactorSchema,
  totpBackupCodesSchema,
  totpConfirmSchema,
  totpRevertSchema,
  totpSetupSchema,
  totpSetupStartSchema,
  totpStatusSchema,
} from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import { ReauthService } from '../auth/reauth.service.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { TotpService } from './totp.service.js';
import { Policy } from '../authz/policy.decorator.js';

class TotpSetupStartDto extends createZodDto(totpSetupStartSchema) {}
class TotpSetupDto extends createZodDto(totpSetupSchema) {}
class TotpConfirmDto extends createZodDto(totpConfirmSchema) {}
class SecondFactorDto extends createZodDto(secondFactorSchema) {}
class TotpBackupCodesDto extends createZodDto(totpBackupCodesSchema) {}
class BackupCodesDto extends createZodDto(backupCodesSchema) {}
class TotpStatusDto extends createZodDto(totpStatusSchema) {}
class TotpRevertDto extends createZodDto(totpRevertSchema) {}

/**
 * The second factor. Enrolling it and new backup codes need a proof of the password (an OPAQUE
 * re-authentication, `POST /auth/reauth/initiate`), so a stolen access token alone cannot put
 * the thief's app, or the thief's backup codes, on the account. Registered in AuthModule, where
 * the re-authentication lives (AuthModule already imports TotpModule).
 */
@ApiTags('auth')
@Policy('public')
@Controller('auth/totp')
export class TotpController {
  constructor(
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(ReauthService) private readonly reauth: ReauthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether 2FA (TOTP) is on' })
  @Policy('member')
  @ApiOkResponse({ type: TotpStatusDto })
  status(@CurrentMember() member: Member): Promise<TotpStatusDto> {
    return this.totp.status(member.userId);
  }

  /** A new secret, after the password is proven; 2FA is on only once `confirm` gets a code. */
  @Post('setup')
  @ApiOperation({ summary: 'Start 2FA setup: a new secret' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: TotpSetupDto })
  async setup(
    @CurrentMember() member: Member,
    @Body() body: TotpSetupStartDto,
  ): Promise<TotpSetupDto> {
    await this.reauth.prove(member.userId, body.reauth_id, body.finish_login_request);
    return this.totp.setup(member.userId);
  }

  /**
   * The first valid code turns 2FA on; the answer holds the backup codes, shown this once, and
   * the owner is mailed a link that undoes it for 7 days.
   */
  @Post('confirm')
  @ApiOperation({ summary: 'Turn 2FA on with the first code; backup codes' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: BackupCodesDto })
  confirm(
    @CurrentMember() member: Member,
    @Body() body: TotpConfirmDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<BackupCodesDto> {
    return this.totp.confirm(member.userId, body.setup_id, body.code, ip, locale);
  }

  @Post('disable')
  @ApiOperation({ summary: 'Turn 2FA off' })
  @HttpCode(204)
  @Policy('member')
  @ApiNoContentResponse()
  disable(
    @CurrentMember() member: Member,
    @Body() body: SecondFactorDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    return this.totp.disable(member.userId, body, ip, locale);
  }

  /** New backup codes: the password, then the current second factor. */
  @Post('backup-codes')
  @ApiOperation({ summary: 'New backup codes' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: BackupCodesDto })
  async regenerate(
    @CurrentMember() member: Member,
    @Body() body: TotpBackupCodesDto,
    @ClientIp() ip: string,
  ): Promise<BackupCodesDto> {
    await this.reauth.prove(member.userId, body.reauth_id, body.finish_login_request);
    return this.totp.regenerateBackupCodes(
      member.userId,
      body.totp_code ? { totp_code: body.totp_code } : { backup_code: body.backup_code },
      ip,
    );
  }

  /** The undo link mailed when 2FA was turned on; no session (the mail is the proof). */
  @Post('revert')
  @ApiOperation({ summary: 'Undo turning 2FA on (mailed link)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  revert(
    @Body() body: TotpRevertDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    return this.totp.revert(body.token, ip, locale);
  }
}
