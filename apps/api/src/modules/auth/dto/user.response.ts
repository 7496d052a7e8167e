import { ApiProperty } from '@nestjs/swagger';
import { TokenResponse, User } from '@mozaic/contracts';
import { UserEntity } from '../entities/user.entity';

export class UserResponse implements User {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() is_active!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(u: UserEntity): UserResponse {
    return {
      id: u.id,
      email: u.email,
      is_active: u.isActive,
      created_at: u.createdAt.toISOString(),
    };
  }
}

export class TokenResponseDto implements TokenResponse {
  @ApiProperty() access_token!: string;
  @ApiProperty({ enum: ['bearer'] }) token_type!: 'bearer';
  @ApiProperty({ description: 'Lifetime of the access token in seconds' })
  expires_in!: number;
}
