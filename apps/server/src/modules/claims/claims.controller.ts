import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  chainOwnershipProofSchema,
  chainVerificationSchema,
  connectCooperativeSchema,
  connectedCooperativeSchema,
  cooperativeClaimSchema,
  cooperativeVerificationSchema,
  ownershipChallengeSchema,
  verificationRequestSchema,
} from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { ClaimsService } from './claims.service.js';

class ConnectCooperativeDto extends createZodDto(connectCooperativeSchema) {}
class ConnectedCooperativeDto extends createZodDto(connectedCooperativeSchema) {}
class CooperativeVerificationDto extends createZodDto(cooperativeVerificationSchema) {}
class OwnershipChallengeDto extends createZodDto(ownershipChallengeSchema) {}
class ChainOwnershipProofDto extends createZodDto(chainOwnershipProofSchema) {}
class ChainVerificationDto extends createZodDto(chainVerificationSchema) {}
class VerificationRequestDto extends createZodDto(verificationRequestSchema) {}
class CooperativeClaimDto extends createZodDto(cooperativeClaimSchema) {}

/** A member connects a cooperative and proves owning its chain account. */
@ApiTags('business')
@Controller('business/cooperatives')
export class ClaimsController {
  constructor(@Inject(ClaimsService) private readonly claims: ClaimsService) {}

  /**
   * Creates an unverified integration (test targets only) with the caller as owner; the client
   * secret is in this answer only. 409 COOPNAME_TAKEN, 422 UNVERIFIED_LIMIT.
   */
  @Post()
  @Policy('business.cooperatives.connect')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Business: connect a cooperative (unverified until ownership is proven)',
  })
  @ApiCreatedResponse({ type: ConnectedCooperativeDto })
  async connect(
    @CurrentMember() member: Member,
    @Body() body: ConnectCooperativeDto,
    @ClientIp() ip: string,
  ): Promise<ConnectedCooperativeDto> {
    const { cooperative, clientSecret } = await this.claims.connect(member.userId, body, ip);
    return { cooperative, client_id: cooperative.coopname, client_secret: clientSecret };
  }

  @Get(':coopname/verification')
  @Policy('business.verification.read')
  @ApiOperation({
    summary: 'Business: whether the cooperative’s ownership is proven, and its claim',
  })
  @ApiOkResponse({ type: CooperativeVerificationDto })
  verification(
    @Param('coopname', AntelopeNamePipe) coopname: string,
  ): Promise<CooperativeVerificationDto> {
    return this.claims.verification(coopname);
  }

  /** Any member may ask: whoever holds the chain account's key proves it, staff or not. */
  @Post(':coopname/verification/challenge')
  @Policy('business.verification.prove')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business: a challenge to sign with the cooperative account’s key' })
  @ApiOkResponse({ type: OwnershipChallengeDto })
  challenge(
    @CurrentMember() member: Member,
    @Param('coopname', AntelopeNamePipe) coopname: string,
  ): Promise<OwnershipChallengeDto> {
    return this.claims.challenge(member.userId, coopname);
  }

  @Post(':coopname/verification/chain')
  @Policy('business.verification.prove')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business: prove ownership with a K1 signature of the account’s key' })
  @ApiOkResponse({ type: ChainVerificationDto })
  proveByChain(
    @CurrentMember() member: Member,
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: ChainOwnershipProofDto,
    @ClientIp() ip: string,
  ): Promise<ChainVerificationDto> {
    return this.claims.proveByChain(member.userId, coopname, body, ip);
  }

  @Post(':coopname/verification/request')
  @Policy('business.verification.request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business: ask the platform admin to confirm ownership' })
  @ApiOkResponse({ type: CooperativeClaimDto })
  request(
    @CurrentMember() member: Member,
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: VerificationRequestDto,
    @ClientIp() ip: string,
  ): Promise<CooperativeClaimDto> {
    return this.claims.request(member.userId, coopname, body.note, ip);
  }
}
