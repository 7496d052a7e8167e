import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_STATUSES, AccountStatus, AccountTestResult } from '@mozaic/contracts';

export class AccountTestResponse implements AccountTestResult {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status!: AccountStatus;
  @ApiProperty({ type: String, nullable: true, description: 'What the test saw, e.g. "12 namespaces visible"' })
  detail!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed, without secrets' }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) tested_at!: string;
}
