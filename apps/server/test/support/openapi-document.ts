import type { TestApp } from './test-app.js';

/** An operation of the served OpenAPI document, as far as the e2e tests read it. */
export interface OpenApiOperation {
  summary?: string;
  description?: string;
  parameters?: { name: string }[];
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** The OpenAPI document the server serves: its operations by path, then by method. */
export async function openApiDocument(
  server: TestApp,
): Promise<{ paths: Record<string, Record<string, OpenApiOperation>> }> {
  const response = await fetch(`${server.url}/api/openapi.json`);
  return (await response.json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
}
