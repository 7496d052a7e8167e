import { Body, Controller, Delete, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { AccountsService } from './accounts.service';
import { AccountTestResponse } from './dto/account-test.response';
import { AccountResponse } from './dto/account.response';
import { TestAccountDto } from './dto/test-account.dto';
import { ConnectAccountDto } from './dto/connect-account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiResponse({
    status: 201,
    type: AccountResponse,
    description:
      'Connected and tested (status active, or error with last_error); credentials are stored encrypted and never returned',
  })
  @ApiResponse({ status: 429, description: 'Too many connection tests (Retry-After)' })
  connect(@CurrentUser() user: AuthUser, @Ip() ip: string, @Body() dto: ConnectAccountDto): Promise<AccountResponse> {
    return this.accounts.connect({ userId: user.id, ip }, dto);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Test the connect form before saving: nothing is stored' })
  @ApiResponse({ status: 200, type: AccountTestResponse })
  @ApiResponse({ status: 429, description: 'Too many connection tests (Retry-After)' })
  testUnsaved(
    @CurrentUser() user: AuthUser,
    @Ip() ip: string,
    @Body() dto: TestAccountDto,
  ): Promise<AccountTestResponse> {
    return this.accounts.testUnsaved({ userId: user.id, ip }, dto);
  }

  @Post(':account_id/test')
  @HttpCode(200)
  @ApiOperation({ summary: "Run the account's connection test and record status, last_tested and last_error" })
  @ApiResponse({ status: 200, type: AccountTestResponse })
  @ApiResponse({ status: 429, description: 'Too many connection tests (Retry-After)' })
  test(
    @CurrentUser() user: AuthUser,
    @Ip() ip: string,
    @Param('account_id', ParseUUIDPipe) id: string,
  ): Promise<AccountTestResponse> {
    return this.accounts.test({ userId: user.id, ip }, id);
  }

  @Get('project/:project_id')
  @ApiResponse({ status: 200, type: [AccountResponse] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('project_id', ParseUUIDPipe) projectId: string,
  ): Promise<AccountResponse[]> {
    return this.accounts.listByProject(user.id, projectId);
  }

  @Get(':account_id')
  @ApiResponse({ status: 200, type: AccountResponse })
  get(@CurrentUser() user: AuthUser, @Param('account_id', ParseUUIDPipe) id: string): Promise<AccountResponse> {
    return this.accounts.get(user.id, id);
  }

  @Delete(':account_id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('account_id', ParseUUIDPipe) id: string): Promise<void> {
    return this.accounts.remove(user.id, id);
  }
}
