import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** The one JSON error shape (error.filter.ts), as the OpenAPI document shows it. */
export class ErrorResponseDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ description: 'Stable error code (apps/api/src/http/error-codes.ts)', example: 'NOT_FOUND' })
  code!: string;

  @ApiProperty({ example: 'Event not found' })
  message!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The request id, as in the X-Request-Id response header and the log lines',
    example: 'c0a8f1d2-5b7e-4c1a-9f3e-2d6b8a4c7e10',
  })
  requestId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, with the failing fields in details)',
  401: 'Not signed in, or the credentials are wrong',
  403: 'Signed in, but not allowed',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflicts with the current state',
  413: 'Too large',
  415: 'Unsupported content type',
  422: 'Well-formed, but refused by a rule',
  429: 'Too many requests (Retry-After says when to try again)',
  503: 'Temporarily unavailable; try again later',
};

/**
 * Documents error responses, each with the shared error shape. On a controller class it applies to
 * every operation; on a method it adds to the class's list.
 */
export function ApiErrorResponses(...statuses: number[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
      }),
    ),
  );
}

/** A success response that is a document of another type (iCalendar, CSV, HTML, raw mail). */
export function ApiTextResponse(contentType: string, description: string): MethodDecorator {
  return ApiResponse({
    status: 200,
    description,
    content: { [contentType]: { schema: { type: 'string' } } },
  });
}

/** A small JSON success object, described inline: `{ name: 'string' }`. */
export function ApiObjectResponse(
  properties: Record<string, 'string' | 'number' | 'boolean'>,
  status = 200,
): MethodDecorator {
  return ApiResponse({
    status,
    description: 'Success',
    schema: {
      type: 'object',
      required: Object.keys(properties),
      properties: Object.fromEntries(Object.entries(properties).map(([k, type]) => [k, { type }])),
    },
  });
}
