import { privacyPolicySchema } from '@cardcoop/contracts';
import type { PrivacyPolicy } from '@cardcoop/contracts';
import type { HttpClient } from '../http.js';
import { parseResponse } from './common.js';

/**
 * The privacy policy in force (public): its text in Russian and English and its `version`,
 * which goes with the consent to {@link startRegistration} as `privacyVersion`.
 *
 * @example
 * ```ts
 * const policy = await privacyPolicy(http);
 * show(policy.documents.ru);
 * await startRegistration(http, { email, privacyVersion: policy.version });
 * ```
 */
export async function privacyPolicy(http: HttpClient): Promise<PrivacyPolicy> {
  return parseResponse(
    privacyPolicySchema,
    await http.request('/api/v1/privacy-policy'),
    'privacy-policy',
  );
}
