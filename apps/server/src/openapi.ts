import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { errorBodySchema } from '@cardcoop/contracts';

const ERROR_REF = '#/components/schemas/ErrorBody';

/** Every operation can fail with the one error body; say so once for all of them. */
function withErrorBody(document: OpenAPIObject): OpenAPIObject {
  const { $schema: _dialect, ...errorBody } = z.toJSONSchema(errorBodySchema) as Record<
    string,
    unknown
  >;
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorBody: errorBody },
  };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as {
      responses?: Record<string, unknown>;
    }[]) {
      if (!operation?.responses) continue;
      operation.responses.default ??= {
        description:
          'Error: a stable `code`, a translated `message` (Accept-Language), the `requestId`',
        content: { 'application/json': { schema: { $ref: ERROR_REF } } },
      };
    }
  }
  return document;
}

/** OpenAPI 3.1 generated from the zod schemas: JSON at /api/openapi.json, Swagger UI at /api/docs. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('CARD.COOP API')
      .setDescription(
        'Zero-knowledge member cards for consumer cooperatives. Every error has the ErrorBody shape.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addBasicAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, withErrorBody(cleanupOpenApiDoc(document)), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'CARD.COOP API',
  });
}
