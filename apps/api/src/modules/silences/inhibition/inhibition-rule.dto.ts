import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  CreateInhibitionRuleRequest,
  INHIBITION_PRESETS,
  InhibitionPreset,
  InhibitionRuleView,
  LABEL_NAME,
  LabelMatcher,
} from '@mozaic/contracts';
import { LabelMatcherDto } from '../../notifications/dto/route.dto';
import { InhibitionRuleEntity } from '../entities/inhibition-rule.entity';

export class CreateInhibitionRuleDto implements CreateInhibitionRuleRequest {
  @ApiPropertyOptional({ enum: INHIBITION_PRESETS, description: 'A ready-made rule (then nothing else is given)' })
  @IsOptional()
  @IsIn(INHIBITION_PRESETS, { message: `preset must be one of ${INHIBITION_PRESETS.join(', ')}` })
  preset?: InhibitionPreset;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [LabelMatcherDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  source_matchers?: LabelMatcherDto[];

  @ApiPropertyOptional({ type: [LabelMatcherDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherDto)
  target_matchers?: LabelMatcherDto[];

  @ApiPropertyOptional({ type: [String], example: ['host'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(LABEL_NAME, { each: true, message: 'equal: label names such as host' })
  equal?: string[];
}

export class InhibitionRuleResponse implements InhibitionRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [LabelMatcherDto] }) source_matchers!: LabelMatcher[];
  @ApiProperty({ type: [LabelMatcherDto] }) target_matchers!: LabelMatcher[];
  @ApiProperty({ type: [String] }) equal!: string[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(r: InhibitionRuleEntity): InhibitionRuleResponse {
    return {
      id: r.id,
      project_id: r.projectId,
      name: r.name,
      source_matchers: r.sourceMatchers,
      target_matchers: r.targetMatchers,
      equal: r.equal,
      created_at: r.createdAt.toISOString(),
    };
  }
}
