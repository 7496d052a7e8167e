import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AuthUser } from '../../../common/decorators/current-user.decorator';

interface AccessTokenPayload {
  sub: string;
  email: string;
  typ: string;
  sid?: string;
  exp: number;
}

/** Validates the Bearer access token (HS256, not expired) and yields the caller; JwtAuthGuard checks its session. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: config.secretKey,
      algorithms: ['HS256'],
    });
  }

  validate(payload: AccessTokenPayload): AuthUser | false {
    if (payload.typ !== 'access' || typeof payload.sub !== 'string') return false;
    if (payload.sid !== undefined && typeof payload.sid !== 'string') return false;
    return { id: payload.sub, email: payload.email, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
  }
}
