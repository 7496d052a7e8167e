import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { randomUUID } from 'node:crypto';
import { AuthenticationError, InvalidInputError } from '../../common/errors';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import { passwordProblem } from './password-policy';
import { RegisterDto } from './dto/register.dto';
import { LoginDto } from './dto/login.dto';
import { TokenResponseDto, UserResponse } from './dto/user.response';
import { UserEntity } from './entities/user.entity';
import { LoginRateLimiter } from './login-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { IssuedRefreshToken, RefreshTokenService } from './refresh-token.service';
import { sqlState, UNIQUE_VIOLATION } from '../../database/sql-state';

/** What a successful login or refresh yields: the body and the refresh cookie to set. */
export interface Session {
  body: TokenResponseDto;
  refresh: IssuedRefreshToken;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity)
    private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: LoginRateLimiter,
    private readonly rates: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates a user. A taken email is answered exactly like a new one (same shape, same work), so
   * registration does not tell who has an account; nothing about the existing user changes.
   */
  async register(dto: RegisterDto, ip: string): Promise<UserResponse> {
    const { perIp, windowSeconds } = this.config.registerRateLimit;
    await this.rates.consume(`register:ip:${ip}`, perIp, windowSeconds);
    const problem = passwordProblem(dto.password, dto.email);
    if (problem) throw new InvalidInputError(problem);
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.users.save(this.users.create({ email: dto.email, passwordHash, isActive: true }));
      return UserResponse.from(user);
    } catch (e) {
      if (sqlState(e) === UNIQUE_VIOLATION)
        return { id: randomUUID(), email: dto.email, is_active: true, created_at: new Date().toISOString() };
      throw e;
    }
  }

  /** A wrong password and an unknown email answer the same, in the same time. */
  async login(dto: LoginDto, ip: string): Promise<Session> {
    await this.limiter.hit(ip, dto.email);
    const user = await this.users.findOne({ where: { email: dto.email } });
    const ok = await this.hasher.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !ok || !user.isActive) throw new AuthenticationError('Incorrect email or password');
    await this.limiter.succeeded(ip, dto.email);
    return this.session(user, await this.refreshTokens.issue(user.id));
  }

  async refresh(presented: string | undefined): Promise<Session> {
    if (!presented) throw new AuthenticationError('No refresh token');
    const { userId, next } = await this.refreshTokens.rotate(presented);
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user || !user.isActive) throw new AuthenticationError('Invalid refresh token');
    return this.session(user, next);
  }

  async logout(presented: string | undefined): Promise<void> {
    if (presented) await this.refreshTokens.revoke(presented);
  }

  async me(userId: string): Promise<UserResponse> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user || !user.isActive) throw new AuthenticationError('User no longer exists');
    return UserResponse.from(user);
  }

  private async session(user: UserEntity, refresh: IssuedRefreshToken): Promise<Session> {
    const expiresIn = this.config.accessTokenMinutes * 60;
    const access = await this.jwt.signAsync(
      { sub: user.id, email: user.email, typ: 'access', sid: refresh.familyId },
      { expiresIn },
    );
    return {
      body: {
        access_token: access,
        token_type: 'bearer',
        expires_in: expiresIn,
      },
      refresh,
    };
  }
}
