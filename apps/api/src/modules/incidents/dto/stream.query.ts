import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class IncidentStreamQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'project_id must be a UUID' })
  project_id!: string;
}
