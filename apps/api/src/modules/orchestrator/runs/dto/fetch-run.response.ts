import { ApiProperty } from '@nestjs/swagger';
import {
  FETCH_ITEM_STATUSES,
  FetchItemStatus,
  FetchRun,
  FetchRunItem,
  SERVICE_TYPES,
  ServiceType,
} from '@mozaic/contracts';

export class FetchRunItemResponse implements FetchRunItem {
  @ApiProperty({ format: 'uuid' }) account_id!: string;
  @ApiProperty() account_name!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) service_type!: ServiceType;
  @ApiProperty({ enum: FETCH_ITEM_STATUSES }) status!: FetchItemStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'Signals collected (done only)' }) signal_count!:
    | number
    | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed (no secrets)' }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finished_at!: string | null;
}

export class FetchRunResponse implements FetchRun {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) project_id!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ description: 'Every account done or failed' }) finished!: boolean;
  @ApiProperty({ type: [FetchRunItemResponse] }) accounts!: FetchRunItemResponse[];
}
