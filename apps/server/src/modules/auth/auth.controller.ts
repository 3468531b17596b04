import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  codeSentSchema,
  completeLoginSchema,
  completeRegistrationSchema,
  initiateLoginResultSchema,
  initiateLoginSchema,
  initiateRegistrationSchema,
  loginResultSchema,
  refreshTokenSchema,
  tokenResponseSchema,
  verifyEmailResultSchema,
  verifyEmailSchema,
} from '@cardcoop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../common/i18n/locale.js';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import {
  clearRefreshCookie,
  deliverTokens,
  presentedDeviceToken,
  presentedRefreshToken,
} from '../sessions/refresh-cookie.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Member } from '../sessions/sessions.service.js';
import { AuthLimits } from './auth-limits.js';
import { LoginService } from './login.service.js';
import { RegistrationService } from './registration.service.js';
import { Policy } from '../authz/policy.decorator.js';

class InitiateRegistrationDto extends createZodDto(initiateRegistrationSchema) {}
class CodeSentDto extends createZodDto(codeSentSchema) {}
class VerifyEmailDto extends createZodDto(verifyEmailSchema) {}
class VerifyEmailResultDto extends createZodDto(verifyEmailResultSchema) {}
class CompleteRegistrationDto extends createZodDto(completeRegistrationSchema) {}
class TokenResponseDto extends createZodDto(tokenResponseSchema) {}
class InitiateLoginDto extends createZodDto(initiateLoginSchema) {}
class InitiateLoginResultDto extends createZodDto(initiateLoginResultSchema) {}
class CompleteLoginDto extends createZodDto(completeLoginSchema) {}
class LoginResultDto extends createZodDto(loginResultSchema) {}
class RefreshTokenDto extends createZodDto(refreshTokenSchema) {}

@ApiTags('auth')
@Policy('public')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(RegistrationService) private readonly registration: RegistrationService,
    @Inject(LoginService) private readonly login: LoginService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
  ) {}

  @Post('initiate-registration')
  @ApiOperation({ summary: 'Registration: mail a code, with the privacy consent' })
  @HttpCode(200)
  @ApiOkResponse({ type: CodeSentDto })
  initiateRegistration(
    @Body() body: InitiateRegistrationDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<CodeSentDto> {
    return this.registration.initiate(body.email, body.privacy_version, ip, locale);
  }

  @Post('verify-email')
  @ApiOperation({ summary: 'Registration: check the code, start OPAQUE registration' })
  @HttpCode(200)
  @ApiOkResponse({ type: VerifyEmailResultDto })
  verifyEmail(@Body() body: VerifyEmailDto, @ClientIp() ip: string): Promise<VerifyEmailResultDto> {
    return this.registration.verify(body.email, body.code, body.registration_request, ip);
  }

  @Post('complete-registration')
  @ApiOperation({ summary: 'Registration: finish OPAQUE, store the wrapped keys, sign in' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: TokenResponseDto })
  async completeRegistration(
    @Body() body: CompleteRegistrationDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return deliverTokens(request, reply, await this.registration.complete(body));
  }

  @Post('initiate-login')
  @ApiOperation({ summary: 'Login: OPAQUE first message' })
  @HttpCode(200)
  @ApiOkResponse({ type: InitiateLoginResultDto })
  initiateLogin(
    @Body() body: InitiateLoginDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
    @Req() request: FastifyRequest,
  ): Promise<InitiateLoginResultDto> {
    return this.login.initiate({
      email: body.email,
      startLoginRequest: body.start_login_request,
      deviceToken: presentedDeviceToken(request, body.device_token),
      ip,
      locale,
    });
  }

  @Post('complete-login')
  @ApiOperation({ summary: 'Login: OPAQUE finish (and the second factor), tokens' })
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResultDto })
  async completeLogin(
    @Body() body: CompleteLoginDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResultDto> {
    const result = await this.login.complete({
      loginId: body.login_id,
      finishLoginRequest: body.finish_login_request,
      totpCode: body.totp_code,
      backupCode: body.backup_code,
      deviceName: body.device_name,
      ip,
      locale,
      connect: body.connect,
    });
    return deliverTokens(request, reply, result);
  }

  @Post('refresh-token')
  @ApiOperation({ summary: 'New tokens for a refresh token (rotated)' })
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  async refreshToken(
    @Body() body: RefreshTokenDto,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    await this.limits.hit('refreshPerIp', ip);
    const refreshToken = presentedRefreshToken(request, body.refresh_token);
    try {
      return deliverTokens(request, reply, await this.sessions.refresh(refreshToken, ip));
    } catch (error) {
      clearRefreshCookie(request, reply);
      throw error;
    }
  }

  @Post('logout')
  @ApiOperation({ summary: 'End this session' })
  @HttpCode(204)
  @Policy('member')
  @ApiNoContentResponse()
  async logout(
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.revoke(member, member.sessionId, ip);
    clearRefreshCookie(request, reply);
  }
}
