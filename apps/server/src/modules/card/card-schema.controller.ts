import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CARD_SCHEMA } from '@cardcoop/contracts';

/**
 * The JSON Schema of the card plaintext (public). Clients validate against their bundled,
 * precompiled copy and refuse to write when this `$id` differs from it.
 */
@ApiTags('card')
@Controller('card/schema')
export class CardSchemaController {
  @Get()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ description: 'JSON Schema (draft 2020-12) with a versioned $id' })
  schema(): typeof CARD_SCHEMA {
    return CARD_SCHEMA;
  }
}
