import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { privacyPolicySchema } from '@cardcoop/contracts';
import { CURRENT_PRIVACY_POLICY } from './privacy-policy.js';
import { Policy } from '../authz/policy.decorator.js';

class PrivacyPolicyDto extends createZodDto(privacyPolicySchema) {}

@ApiTags('privacy')
@Policy('public')
@Controller('privacy-policy')
export class PrivacyController {
  @Get()
  @ApiOperation({ summary: 'The privacy policy in force' })
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: PrivacyPolicyDto })
  current(): PrivacyPolicyDto {
    return CURRENT_PRIVACY_POLICY;
  }
}
