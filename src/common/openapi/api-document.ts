import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ROUTE_POLICY } from '../../auth/route-policy';
import { ErrorBody } from '../errors/error-body';
import { annotateRequiredRoles } from './route-roles.openapi';

/**
 * The API's OpenAPI document, served at /docs-json and dumped by scripts/openapi-document.ts
 * (from an app created in preview mode, without a database) for the dashboard's generated types.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('piyasa API')
      .setDescription(
        'Market chat simulation on Telegram: bots, personas, chats, settings, control and metrics.',
      )
      .setVersion('1')
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
      .addCookieAuth('piyasa.session')
      .build(),
    { extraModels: [ErrorBody] },
  );
  annotateRequiredRoles(document, ROUTE_POLICY);
  return document;
}
