import { useIntegration } from './integration/use-integration';

/** The cooperative's registered origins and redirect URIs, once its settings have loaded. */
export function useIntegrationAddresses(
  coopname: string,
): { origins: string[]; redirect_uris: string[] } | undefined {
  return useIntegration(coopname).query.data;
}
