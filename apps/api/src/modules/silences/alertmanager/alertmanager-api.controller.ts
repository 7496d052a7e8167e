import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid } from '../../../common/ids/uuid';
import { Public } from '../../../common/decorators/public.decorator';
import { SilenceEffects } from '../silence-effects.service';
import { SilenceStore, stateOf } from '../silence-store.service';
import { AlertmanagerAlerts } from './alertmanager-alerts.service';
import { AlertmanagerTokenGuard } from './alertmanager-token.guard';
import { filterMatchers, gettableSilence, postableSilence } from './am-format';
import { Json } from '@mozaic/sources';
import { matches } from '../../notifications/routing/label-matcher';

const STARTED = new Date().toISOString();
const flag = (v: unknown, def: boolean) => (v === undefined ? def : String(v) !== 'false');

/**
 * The parts of Alertmanager's API v2 that clients use, per project, under
 * /alertmanager/{project_id}/api/v2 (Bearer: the project's Alertmanager API token): amtool,
 * Prometheus' alerting (POST /alerts) and Grafana's Alertmanager data source work against it.
 * Documented by Alertmanager's own OpenAPI, so it is left out of MOZAIC's.
 */
@ApiExcludeController()
@Public()
@UseGuards(AlertmanagerTokenGuard)
@Controller('alertmanager/:project_id/api/v2')
export class AlertmanagerApiController {
  constructor(
    private readonly silences: SilenceStore,
    private readonly effects: SilenceEffects,
    private readonly alerts: AlertmanagerAlerts,
  ) {}

  @Get('status')
  status() {
    return {
      cluster: { name: 'mozaic', peers: [], status: 'ready' },
      config: { original: '# MOZAIC: routing is configured in MOZAIC (Notifications), not in alertmanager.yml\n' },
      uptime: STARTED,
      versionInfo: {
        branch: 'mozaic',
        buildDate: '',
        buildUser: 'mozaic',
        goVersion: 'n/a',
        revision: 'mozaic',
        version: '0.25.0',
      },
    };
  }

  @Get('silences')
  async listSilences(@Param('project_id') projectId: string, @Query('filter') filter: unknown) {
    const wanted = filterMatchers(filter);
    const rows = await this.silences.list(projectId);
    // A silence is listed when every filter matcher holds for the label set its own `=` matchers name.
    return rows
      .filter((s) => {
        const labels: Record<string, string[]> = {};
        for (const m of s.matchers) if (m.op === '=') labels[m.name] = [m.value];
        return wanted.every((w) => matches(w, labels));
      })
      .map((s) => gettableSilence(s));
  }

  @Post('silences')
  @HttpCode(200)
  async postSilence(@Param('project_id') projectId: string, @Body() body: Json) {
    const p = postableSilence(body);
    const existing = p.id && isUuid(p.id) ? await this.silences.get(projectId, p.id).catch(() => null) : null;
    const input = {
      matchers: p.matchers,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      comment: p.comment,
      createdBy: p.createdBy,
    };
    if (p.id && !existing) throw new NotFoundException('silence not found');
    const row =
      existing && stateOf(existing, Date.now()) !== 'expired'
        ? await this.silences.update(projectId, existing.id, input)
        : await this.silences.create(projectId, input);
    await this.effects.apply(projectId);
    return { silenceID: row.id };
  }

  @Get('silence/:silence_id')
  async getSilence(@Param('project_id') projectId: string, @Param('silence_id') id: string) {
    if (!isUuid(id)) throw new NotFoundException('silence not found');
    return gettableSilence(await this.silences.get(projectId, id));
  }

  @Delete('silence/:silence_id')
  @HttpCode(200)
  async deleteSilence(@Param('project_id') projectId: string, @Param('silence_id') id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundException('silence not found');
    await this.silences.expire(projectId, id);
    await this.effects.apply(projectId);
  }

  @Get('alerts')
  listAlerts(
    @Param('project_id') projectId: string,
    @Query('active') active: unknown,
    @Query('silenced') silenced: unknown,
    @Query('inhibited') inhibited: unknown,
    @Query('filter') filter: unknown,
  ) {
    return this.alerts.list(projectId, {
      active: flag(active, true),
      silenced: flag(silenced, true),
      inhibited: flag(inhibited, true),
      matchers: filterMatchers(filter),
    });
  }

  @Post('alerts')
  @HttpCode(200)
  async postAlerts(@Param('project_id') projectId: string, @Body() body: Json): Promise<void> {
    await this.alerts.post(projectId, body);
  }
}
