import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { policyRule } from './policies.js';
import type { PolicyName } from './policies.js';

export const POLICY_KEY = 'cardcoop:policy';

/**
 * Declares who may call a route or every route of a controller (a handler's own declaration
 * wins): the global PolicyGuard enforces it, and the OpenAPI operation carries it as `x-policy`
 * with the matching security schemes.
 */
export function Policy(name: PolicyName): MethodDecorator & ClassDecorator {
  const { allow } = policyRule(name);
  const decorators: (MethodDecorator & ClassDecorator)[] = [
    SetMetadata(POLICY_KEY, name),
    ApiExtension('x-policy', name),
  ];
  if (allow.includes('coop-client')) decorators.push(ApiBasicAuth());
  if (allow.some((principal) => principal !== 'public' && principal !== 'coop-client')) {
    decorators.push(ApiBearerAuth());
  }
  return applyDecorators(...decorators);
}
