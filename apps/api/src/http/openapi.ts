import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the API's controllers. server.ts serves it at /api/docs; scripts/openapi.ts
 * writes it for the admin app's generated client, from a Nest app built in preview mode (no database).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hearth API')
      .setDescription('Event coordination for community and peer-support groups')
      .setVersion('0.1.0')
      .addCookieAuth('hearth_session')
      .addBearerAuth()
      .build(),
  );
}
