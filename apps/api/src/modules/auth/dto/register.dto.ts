import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { RegisterRequest } from '@mozaic/contracts';

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'oncall@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: 128,
    example: 'correct horse battery staple',
  })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password!: string;
}
