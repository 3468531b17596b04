import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CARD_SCHEMA } from '@cardcoop/contracts';
import { Policy } from '../authz/policy.decorator.js';

/** A JSON Schema document; clients compare its versioned `$id` with their bundled copy's. */
class CardSchemaDto extends createZodDto(
  z.looseObject({ $schema: z.string(), $id: z.string(), type: z.literal('object') }),
) {}

/**
 * The JSON Schema of the card plaintext (public). Clients validate against their bundled,
 * precompiled copy and refuse to write when this `$id` differs from it.
 */
@ApiTags('card')
@Policy('public')
@Controller('card/schema')
export class CardSchemaController {
  @Get()
  @ApiOperation({ summary: 'The JSON Schema of the card plaintext' })
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({
    type: CardSchemaDto,
    description: 'JSON Schema (draft 2020-12) with a versioned $id',
  })
  schema(): typeof CARD_SCHEMA {
    return CARD_SCHEMA;
  }
}
