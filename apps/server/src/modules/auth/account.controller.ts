import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  changeEmailConfirmSchema,
  changeEmailInitiateSchema,
  changePasswordCompleteSchema,
  changePasswordInitiateSchema,
  changePasswordStartedSchema,
  codeSentSchema,
  deletionConfirmSchema,
  deletionScheduledSchema,
  deletionStatusSchema,
  emailOnlySchema,
  reauthStartSchema,
  reauthStartedSchema,
  unlockSchema,
  unlockedSchema,
  recoveryCompleteSchema,
  recoveryKitReissueSchema,
  recoveryKitStatusSchema,
  recoveryVerifiedSchema,
  recoveryVerifySchema,
  revertEmailSchema,
  sessionsEndedSchema,
  tokenResponseSchema,
} from '@cardcoop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../common/i18n/locale.js';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import { deliverTokens } from '../sessions/refresh-cookie.js';
import type { Member } from '../sessions/sessions.service.js';
import { DeletionService } from './deletion.service.js';
import { EmailChangeService } from './email-change.service.js';
import { PasswordService } from './password.service.js';
import { ReauthService } from './reauth.service.js';
import { RecoveryKitService } from './recovery-kit.service.js';
import { RecoveryService } from './recovery.service.js';
import { Policy } from '../authz/policy.decorator.js';

class ReauthStartDto extends createZodDto(reauthStartSchema) {}
class ReauthStartedDto extends createZodDto(reauthStartedSchema) {}
class UnlockDto extends createZodDto(unlockSchema) {}
class UnlockedDto extends createZodDto(unlockedSchema) {}
class ChangePasswordInitiateDto extends createZodDto(changePasswordInitiateSchema) {}
class ChangePasswordStartedDto extends createZodDto(changePasswordStartedSchema) {}
class ChangePasswordCompleteDto extends createZodDto(changePasswordCompleteSchema) {}
class SessionsEndedDto extends createZodDto(sessionsEndedSchema) {}
class EmailOnlyDto extends createZodDto(emailOnlySchema) {}
class CodeSentDto extends createZodDto(codeSentSchema) {}
class RecoveryVerifyDto extends createZodDto(recoveryVerifySchema) {}
class RecoveryVerifiedDto extends createZodDto(recoveryVerifiedSchema) {}
class RecoveryCompleteDto extends createZodDto(recoveryCompleteSchema) {}
class TokenResponseDto extends createZodDto(tokenResponseSchema) {}
class DeletionConfirmDto extends createZodDto(deletionConfirmSchema) {}
class DeletionScheduledDto extends createZodDto(deletionScheduledSchema) {}
class DeletionStatusDto extends createZodDto(deletionStatusSchema) {}
class ChangeEmailInitiateDto extends createZodDto(changeEmailInitiateSchema) {}
class ChangeEmailConfirmDto extends createZodDto(changeEmailConfirmSchema) {}
class RevertEmailDto extends createZodDto(revertEmailSchema) {}
class RecoveryKitStatusDto extends createZodDto(recoveryKitStatusSchema) {}
class RecoveryKitReissueDto extends createZodDto(recoveryKitReissueSchema) {}

/** Credential changes: password, recovery, deletion, e-mail. */
@ApiTags('auth')
@Policy('public')
@Controller('auth')
export class AccountController {
  constructor(
    @Inject(ReauthService) private readonly reauth: ReauthService,
    @Inject(PasswordService) private readonly password: PasswordService,
    @Inject(RecoveryService) private readonly recovery: RecoveryService,
    @Inject(DeletionService) private readonly deletion: DeletionService,
    @Inject(EmailChangeService) private readonly email: EmailChangeService,
    @Inject(RecoveryKitService) private readonly recoveryKit: RecoveryKitService,
  ) {}

  @Post('reauth/initiate')
  @ApiOperation({ summary: 'Step-up: start proving the password again (OPAQUE)' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: ReauthStartedDto })
  reauthInitiate(
    @CurrentMember() member: Member,
    @Body() body: ReauthStartDto,
  ): Promise<ReauthStartedDto> {
    return this.reauth.start(member.userId, body.start_login_request, member.sessionId);
  }

  /**
   * A live session whose page lost the user key (a reload) proves the password again and gets
   * the wrapped user key, without a new session.
   */
  @Post('unlock')
  @ApiOperation({ summary: 'Unlock: prove the password again, get the wrapped user key' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: UnlockedDto })
  async unlock(@CurrentMember() member: Member, @Body() body: UnlockDto): Promise<UnlockedDto> {
    await this.reauth.prove(member.userId, body.reauth_id, body.finish_login_request);
    const user = await this.reauth.user(member.userId);
    return {
      user_id: user.id,
      wrapped_user_key: user.wrappedUserKey,
      recovery_kit_confirmed: user.recoveryKitConfirmedAt !== null,
    };
  }

  /** Whether the member confirmed holding the current Recovery Kit. */
  @Get('recovery-kit')
  @ApiOperation({ summary: 'Whether the current Recovery Kit is confirmed' })
  @Policy('member')
  @ApiOkResponse({ type: RecoveryKitStatusDto })
  recoveryKitStatus(@CurrentMember() member: Member): Promise<RecoveryKitStatusDto> {
    return this.recoveryKit.status(member);
  }

  /** The member saved the Recovery Kit on screen; idempotent. */
  @Post('recovery-kit/confirm')
  @ApiOperation({ summary: 'Confirm the member saved the Recovery Kit' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: RecoveryKitStatusDto })
  recoveryKitConfirm(
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<RecoveryKitStatusDto> {
    return this.recoveryKit.confirm(member, ip);
  }

  /** A new Recovery Kit replaces the current one, after the password (and 2FA) are proven. */
  @Post('recovery-kit')
  @ApiOperation({ summary: 'Issue a new Recovery Kit' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: RecoveryKitStatusDto })
  recoveryKitReissue(
    @CurrentMember() member: Member,
    @Body() body: RecoveryKitReissueDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<RecoveryKitStatusDto> {
    return this.recoveryKit.reissue(member, body, ip, locale);
  }

  @Post('change-password/initiate')
  @ApiOperation({
    summary: 'Change password: prove the current one, start registering the new one (OPAQUE)',
  })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: ChangePasswordStartedDto })
  changePasswordInitiate(
    @CurrentMember() member: Member,
    @Body() body: ChangePasswordInitiateDto,
  ): Promise<ChangePasswordStartedDto> {
    return this.password.initiate(member, body.start_login_request, body.registration_request);
  }

  @Post('change-password/complete')
  @ApiOperation({ summary: 'Change password: register the new one, re-wrapped user key' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: SessionsEndedDto })
  changePasswordComplete(
    @CurrentMember() member: Member,
    @Body() body: ChangePasswordCompleteDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<SessionsEndedDto> {
    return this.password.complete(member, body, ip, locale);
  }

  @Post('recovery/initiate')
  @ApiOperation({ summary: 'Recovery: mail a code' })
  @HttpCode(200)
  @ApiOkResponse({ type: CodeSentDto })
  recoveryInitiate(
    @Body() body: EmailOnlyDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<CodeSentDto> {
    return this.recovery.initiate(body.email, ip, locale);
  }

  @Post('recovery/verify')
  @ApiOperation({ summary: 'Recovery: check the code and the Recovery Kit proof' })
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryVerifiedDto })
  recoveryVerify(
    @Body() body: RecoveryVerifyDto,
    @ClientIp() ip: string,
  ): Promise<RecoveryVerifiedDto> {
    return this.recovery.verify(body, ip);
  }

  @Post('recovery/complete')
  @ApiOperation({ summary: 'Recovery: set a new password, new session' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: TokenResponseDto })
  async recoveryComplete(
    @Body() body: RecoveryCompleteDto,
    @RequestLocale() locale: Locale,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return deliverTokens(request, reply, await this.recovery.complete(body, locale));
  }

  @Post('deletion/initiate')
  @ApiOperation({ summary: 'Account deletion: mail a code' })
  @HttpCode(200)
  @ApiOkResponse({ type: CodeSentDto })
  deletionInitiate(
    @Body() body: EmailOnlyDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<CodeSentDto> {
    return this.deletion.initiate(body.email, ip, locale);
  }

  @Post('deletion/confirm')
  @ApiOperation({ summary: 'Account deletion: confirm with the code, schedule it' })
  @HttpCode(200)
  @ApiOkResponse({ type: DeletionScheduledDto })
  deletionConfirm(
    @Body() body: DeletionConfirmDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<DeletionScheduledDto> {
    return this.deletion.confirm(body.email, body.code, ip, locale);
  }

  /** Whether a deletion is pending, and when it is due. */
  @Get('deletion')
  @ApiOperation({ summary: 'Whether a deletion is pending and when it is due' })
  @Policy('member')
  @ApiOkResponse({ type: DeletionStatusDto })
  deletionStatus(@CurrentMember() member: Member): Promise<DeletionStatusDto> {
    return this.deletion.status(member);
  }

  /** Cancels a pending deletion from any signed-in device. */
  @Delete('deletion')
  @ApiOperation({ summary: 'Cancel a pending deletion' })
  @HttpCode(204)
  @Policy('member')
  @ApiNoContentResponse()
  deletionCancel(
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    return this.deletion.cancel(member, ip, locale);
  }

  @Post('change-email/initiate')
  @ApiOperation({ summary: 'Change e-mail: mail a code to the new address' })
  @HttpCode(200)
  @Policy('member')
  @ApiOkResponse({ type: CodeSentDto })
  changeEmailInitiate(
    @CurrentMember() member: Member,
    @Body() body: ChangeEmailInitiateDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<CodeSentDto> {
    return this.email.initiate(member, body, ip, locale);
  }

  @Post('change-email/confirm')
  @ApiOperation({ summary: 'Change e-mail: confirm with the code' })
  @HttpCode(204)
  @Policy('member')
  @ApiNoContentResponse()
  changeEmailConfirm(
    @CurrentMember() member: Member,
    @Body() body: ChangeEmailConfirmDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    return this.email.confirm(member, body.code, ip, locale);
  }

  @Post('change-email/revert')
  @ApiOperation({ summary: 'Undo an e-mail change (link mailed to the old address)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  changeEmailRevert(@Body() body: RevertEmailDto, @ClientIp() ip: string): Promise<void> {
    return this.email.revert(body.token, ip);
  }
}
