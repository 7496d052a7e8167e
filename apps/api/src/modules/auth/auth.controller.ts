import { Body, Controller, Get, Header, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenResponseDto, UserResponse } from './dto/user.response';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create a user' })
  @ApiResponse({ status: 201, type: UserResponse })
  @ApiResponse({ status: 400, description: 'Invalid input or a password the policy refuses' })
  @ApiResponse({ status: 429, description: 'Too many registrations from this address (Retry-After)' })
  register(@Body() dto: RegisterDto, @Ip() ip: string): Promise<UserResponse> {
    return this.auth.register(dto, ip);
  }

  @Public()
  @Post('login')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: an access token, and a refresh token in an httpOnly cookie',
  })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  @ApiResponse({ status: 401, description: 'Incorrect email or password' })
  @ApiResponse({ status: 429, description: 'Too many attempts (Retry-After)' })
  async login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponseDto> {
    const session = await this.auth.login(dto, ip);
    setRefreshCookie(res, session.refresh, this.config.cookieSecure);
    return session.body;
  }

  @Public()
  @Post('refresh')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({
    summary: 'Rotate the refresh cookie and get a new access token',
  })
  @ApiResponse({ status: 200, type: TokenResponseDto })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenResponseDto> {
    const session = await this.auth.refresh(readRefreshCookie(req));
    setRefreshCookie(res, session.refresh, this.config.cookieSecure);
    return session.body;
  }

  @Public()
  @Post('logout')
  @Header('Cache-Control', 'no-store')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({
    summary: 'Revoke the refresh token (and its family) and clear the cookie',
  })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(readRefreshCookie(req));
    clearRefreshCookie(res, this.config.cookieSecure);
  }

  @Get('me')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }
}
