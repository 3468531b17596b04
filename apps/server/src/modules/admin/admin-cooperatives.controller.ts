import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  adminCooperativeListSchema,
  adminCooperativeSchema,
  adminRotateSecretSchema,
  cooperativeCreatedSchema,
  createCooperativeSchema,
  rotatedClientSecretSchema,
  updateCooperativeSchema,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { presentCooperative } from '../cooperatives/cooperative-wire.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { Policy } from '../authz/policy.decorator.js';

class CreateCooperativeDto extends createZodDto(createCooperativeSchema) {}
class UpdateCooperativeDto extends createZodDto(updateCooperativeSchema) {}
class AdminCooperativeDto extends createZodDto(adminCooperativeSchema) {}
class AdminCooperativeListDto extends createZodDto(adminCooperativeListSchema) {}
class CooperativeCreatedDto extends createZodDto(cooperativeCreatedSchema) {}
class AdminRotateSecretDto extends createZodDto(adminRotateSecretSchema) {}
class RotatedClientSecretDto extends createZodDto(rotatedClientSecretSchema) {}

const present = presentCooperative;

/** The registry of cooperatives, for the platform admin: register, configure, suspend, rotate. */
@ApiTags('admin')
@Policy('admin.cooperatives.read')
@Controller('admin/cooperatives')
export class AdminCooperativesController {
  constructor(@Inject(CooperativesService) private readonly cooperatives: CooperativesService) {}

  /** Registers a cooperative; its client secret is in this answer only. 409 if the name is taken. */
  @Post()
  @Policy('admin.cooperatives.write')
  @ApiOperation({ summary: 'Admin: register a cooperative' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: CooperativeCreatedDto })
  async create(@Body() body: CreateCooperativeDto): Promise<CooperativeCreatedDto> {
    const { cooperative, clientSecret } = await this.cooperatives.create({
      coopname: body.coopname,
      displayName: body.display_name,
      legalName: body.legal_name,
      consentPurpose: body.consent_purpose,
      origins: body.origins,
      redirectUris: body.redirect_uris,
      entryUrl: body.entry_url,
      level: body.level,
      admission: body.admission,
      requestedFields: body.requested_fields,
    });
    return { cooperative: present(cooperative), client_secret: clientSecret };
  }

  @Get()
  @ApiOperation({ summary: 'Admin: list the cooperatives' })
  @ApiOkResponse({ type: AdminCooperativeListDto })
  async list(): Promise<AdminCooperativeListDto> {
    return { cooperatives: (await this.cooperatives.list()).map(present) };
  }

  @Get(':coopname')
  @ApiOperation({ summary: 'Admin: one cooperative' })
  @ApiOkResponse({ type: AdminCooperativeDto })
  async get(@Param('coopname', AntelopeNamePipe) coopname: string): Promise<AdminCooperativeDto> {
    return present(await this.cooperatives.get(coopname));
  }

  /** Changes settings on top of `expected_revision`; 409 when they changed meanwhile. */
  @Patch(':coopname')
  @Policy('admin.cooperatives.write')
  @ApiOperation({ summary: 'Admin: change a cooperative’s settings' })
  @ApiOkResponse({ type: AdminCooperativeDto })
  async update(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: UpdateCooperativeDto,
  ): Promise<AdminCooperativeDto> {
    const updated = await this.cooperatives.update(coopname, body.expected_revision, {
      displayName: body.display_name,
      legalName: body.legal_name,
      consentPurpose: body.consent_purpose,
      origins: body.origins,
      redirectUris: body.redirect_uris,
      entryUrl: body.entry_url,
      level: body.level,
      admission: body.admission,
      status: body.status,
      requestedFields: body.requested_fields,
    });
    return present(updated);
  }

  /**
   * A new client secret, shown once; the previous one keeps working for `grace_minutes` (the
   * body may be left out: then it stops at once).
   */
  @Post(':coopname/rotate-secret')
  @Policy('admin.cooperatives.rotate-secret')
  @ApiOperation({ summary: 'Admin: rotate a cooperative’s client secret (with a grace period)' })
  @ApiBody({ type: AdminRotateSecretDto, required: false })
  @HttpCode(200)
  @ApiOkResponse({ type: RotatedClientSecretDto })
  async rotateSecret(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    // Checked here, not by the global pipe: a request without a body is valid.
    @Body() body: unknown,
  ): Promise<RotatedClientSecretDto> {
    const parsed = adminRotateSecretSchema.safeParse(body ?? {});
    if (!parsed.success)
      throw new AppError('VALIDATION_FAILED', 422, {
        details: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          code: issue.code,
          message: issue.message,
        })),
      });
    const { clientSecret, cooperative } = await this.cooperatives.rotateSecretWithGrace(
      coopname,
      parsed.data.grace_minutes ?? 0,
    );
    return {
      client_id: coopname,
      client_secret: clientSecret,
      previous_valid_until: cooperative.previousClientSecretValidUntil?.toISOString() ?? null,
    };
  }
}
