import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  adminCooperativeListQuerySchema,
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
import { ClientIp } from '../../common/http/request-params.js';
import type { AuditData } from '../audit/audit-hash.js';
import { AuditService } from '../audit/audit.service.js';
import { presentCooperative } from '../cooperatives/cooperative-wire.js';
import type { ChangeEvent, CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor } from './admin-actor.js';
import type { AdminActor } from './admin-actor.js';
import { adminEvent, PLATFORM_AUDIT_SUBJECT } from './admin-events.js';

class CreateCooperativeDto extends createZodDto(createCooperativeSchema) {}
class UpdateCooperativeDto extends createZodDto(updateCooperativeSchema) {}
class AdminCooperativeDto extends createZodDto(adminCooperativeSchema) {}
class AdminCooperativeListDto extends createZodDto(adminCooperativeListSchema) {}
class AdminCooperativeListQueryDto extends createZodDto(adminCooperativeListQuerySchema) {}
class CooperativeCreatedDto extends createZodDto(cooperativeCreatedSchema) {}
class AdminRotateSecretDto extends createZodDto(adminRotateSecretSchema) {}
class RotatedClientSecretDto extends createZodDto(rotatedClientSecretSchema) {}

const present = presentCooperative;

/** What a PATCH changes, old → new, in the wire's names (for its audit event). */
function changesOf(before: CooperativeRow, body: UpdateCooperativeDto): Record<string, unknown> {
  const old = present(before) as unknown as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'expected_revision' || value === undefined) continue;
    if (JSON.stringify(old[key]) !== JSON.stringify(value)) {
      changes[key] = { from: old[key] ?? null, to: value };
    }
  }
  return changes;
}

/**
 * The registry of cooperatives, for the platform admin: register, configure, suspend, rotate.
 * Every change commits with its event on the platform's audit chain, naming the actor.
 */
@ApiTags('admin')
@Policy('admin.cooperatives.read')
@Controller('admin/cooperatives')
export class AdminCooperativesController {
  constructor(
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private event(actor: AdminActor, ip: string, type: string, data: AuditData): ChangeEvent {
    return {
      subjectId: PLATFORM_AUDIT_SUBJECT,
      event: adminEvent(this.audit, PLATFORM_AUDIT_SUBJECT, type, actor, data, ip),
    };
  }

  /** Registers a cooperative; its client secret is in this answer only. 409 if the name is taken. */
  @Post()
  @Policy('admin.cooperatives.write')
  @ApiOperation({ summary: 'Admin: register a cooperative' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: CooperativeCreatedDto })
  async create(
    @Body() body: CreateCooperativeDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<CooperativeCreatedDto> {
    const { cooperative, clientSecret } = await this.cooperatives.create(
      {
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
      },
      this.event(actor, ip, 'admin.cooperative.created', {
        coopname: body.coopname,
        level: body.level ?? null,
        admission: body.admission ?? null,
      }),
    );
    return { cooperative: present(cooperative), client_secret: clientSecret };
  }

  @Get()
  @ApiOperation({ summary: 'Admin: the cooperatives by coopname, a page at a time' })
  @ApiOkResponse({ type: AdminCooperativeListDto })
  async list(@Query() query: AdminCooperativeListQueryDto): Promise<AdminCooperativeListDto> {
    const { rows, next } = await this.cooperatives.page(query.cursor, query.limit);
    return { cooperatives: rows.map(present), next_cursor: next };
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
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
  ): Promise<AdminCooperativeDto> {
    const updated = await this.cooperatives.update(
      coopname,
      body.expected_revision,
      {
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
      },
      (before) => {
        const changes = changesOf(before, body);
        return this.event(actor, ip, 'admin.cooperative.updated', {
          coopname,
          changed: Object.keys(changes).sort().join(','),
          changes: JSON.stringify(changes),
          revision: before.revision + 1,
        });
      },
    );
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
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
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
    const graceMinutes = parsed.data.grace_minutes ?? 0;
    const { clientSecret, cooperative } = await this.cooperatives.rotateSecretWithGrace(
      coopname,
      graceMinutes,
      this.event(actor, ip, 'admin.cooperative.secret_rotated', {
        coopname,
        grace_minutes: graceMinutes,
      }),
    );
    return {
      client_id: coopname,
      client_secret: clientSecret,
      previous_valid_until: cooperative.previousClientSecretValidUntil?.toISOString() ?? null,
    };
  }
}
