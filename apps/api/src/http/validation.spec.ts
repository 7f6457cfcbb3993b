import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DomainError } from '@app/core';
import { createValidationPipe } from './validation';

class InnerDto {
  @ApiPropertyOptional() @IsOptional() @IsString() note?: string;
}

class ThingDto {
  @ApiProperty() @IsString() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  city?: string | null;
  @ApiPropertyOptional({ type: InnerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => InnerDto)
  inner?: InnerDto;
}

class UpdateThingDto extends PartialType(ThingDto) {}

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function fieldsOf(metatype: ArgumentMetadata['metatype'], value: unknown): Promise<unknown> {
  try {
    await createValidationPipe().transform(value, body(metatype));
    return null;
  } catch (error) {
    return (error as DomainError).details?.fields;
  }
}

describe('validation pipe and null', () => {
  it('refuses null for a field that is optional but not nullable (PartialType makes every field @IsOptional)', async () => {
    expect(await fieldsOf(UpdateThingDto, { name: null })).toEqual([
      { field: 'name', problems: ['name must not be null'] },
    ]);
  });

  it('refuses null inside a nested DTO, naming its path', async () => {
    expect(await fieldsOf(ThingDto, { name: 'x', inner: { note: null } })).toEqual([
      { field: 'inner.note', problems: ['inner.note must not be null'] },
    ]);
  });

  it('takes null where the field is documented as nullable, and leaves missing fields alone', async () => {
    expect(await fieldsOf(UpdateThingDto, { city: null })).toBeNull();
    expect(await fieldsOf(ThingDto, { name: 'x', city: null })).toBeNull();
  });

  it('reports a required field that is null once, with every problem', async () => {
    const fields = (await fieldsOf(ThingDto, { name: null })) as Array<{ field: string; problems: string[] }>;
    expect(fields).toHaveLength(1);
    expect(fields[0].field).toBe('name');
    expect(fields[0].problems).toEqual(
      expect.arrayContaining(['name must not be null', 'name must be a string']),
    );
  });
});

class ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() city?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsString({ each: true }) tag?: string[];
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}

describe('validation pipe and repeated queries', () => {
  const query = (): ArgumentMetadata => ({ type: 'query', metatype: ListQueryDto });

  it('gives an identical query the same converted DTO, as a copy no handler can spoil for the next', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ city: 'Oslo', tag: ['a'], limit: '5' }, query())) as ListQueryDto;
    expect(first).toBeInstanceOf(ListQueryDto);
    expect(first).toEqual({ city: 'Oslo', tag: ['a'], limit: 5 });
    first.tag?.push('spoiled');
    first.city = 'spoiled';
    const second = (await pipe.transform({ city: 'Oslo', tag: ['a'], limit: '5' }, query())) as ListQueryDto;
    expect(second).toBeInstanceOf(ListQueryDto);
    expect(second).toEqual({ city: 'Oslo', tag: ['a'], limit: 5 });
    expect(second).not.toBe(first);
  });

  it('refuses an invalid query every time (a failure is never remembered as a success)', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ limit: '0' }, query())).rejects.toBeInstanceOf(DomainError);
      await expect(pipe.transform({ limit: '2', extra: 'x' }, query())).rejects.toBeInstanceOf(DomainError);
    }
    expect(await pipe.transform({ limit: '2' }, query())).toEqual({ limit: 2 });
  });
});
