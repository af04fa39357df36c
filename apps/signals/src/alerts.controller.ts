import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Optional,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  Allow,
  CONFIG,
  CurrentPrincipal,
  OUTBOX_RELAY,
  type PlatformConfig,
  actorOf,
  recordScope,
  type OutboxRelay,
  type Principal,
} from '@trajectwacht/platform';
import { RULE_IDS, type AlertStatus } from '@trajectwacht/signals';
import { AlertInboxRepository, decodeCursor } from './alert-inbox.repository';
import { PgAlertRepository, type AlertListFilters } from './alert.repository';
import { DeliveryService } from './delivery.service';
import { AlertTransitionError, SignalEngine, alertView } from './signal.engine';
import { WebhookRepository } from './webhook.repository';
import { assertWebhookUrl, webhookAllowList } from './webhook-guard';

const STATUSES: AlertStatus[] = ['open', 'acknowledged', 'resolved', 'dismissed'];

/**
 * Alerts are personal data: the access policy (libs/platform/src/access) lets a toegang worker see its own gemeente's
 * and act on them, an aanbieder see those addressed to it; no one else.
 */
@Controller('api/v1')
export class AlertsController {
  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    private readonly delivery: DeliveryService,
    private readonly alerts: PgAlertRepository,
    private readonly inboxes: AlertInboxRepository,
    private readonly webhooks: WebhookRepository,
    @Optional() @Inject(CONFIG) private readonly config?: PlatformConfig,
  ) {}

  /** GET /api/v1/alerts?gemeente=&rule=&status=&minAgeDays=&maxAgeDays=&limit= — newest first within the caller's scope. */
  @Get('alerts')
  @Allow('alerts:read')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('gemeente') gemeente?: string,
    @Query('rule') rule?: string,
    @Query('status') status?: string,
    @Query('minAgeDays') minAgeDays?: string,
    @Query('maxAgeDays') maxAgeDays?: string,
    @Query('limit') limit?: string,
  ): Promise<unknown> {
    const scope = recordScope(principal, 'alerts');
    const filters: AlertListFilters = {};
    if (gemeente !== undefined) {
      if (!/^[0-9]{4}$/.test(gemeente)) throw new BadRequestException('gemeente must be a 4-digit gemeentecode');
      if (!scope.admits('gemeente', gemeente)) throw new ForbiddenException(`you may only see alerts of gemeente ${scope.value}`);
      filters.gemeente = gemeente;
    }
    if (rule !== undefined) {
      const rules = rule.split(',');
      if (!rules.every((r) => (RULE_IDS as readonly string[]).includes(r)))
        throw new BadRequestException(`rule must be one of ${RULE_IDS.join(', ')}`);
      filters.rules = rules;
    }
    if (status !== undefined) {
      const statuses = status.split(',');
      if (!statuses.every((s) => (STATUSES as string[]).includes(s)))
        throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
      filters.statuses = statuses;
    }
    for (const [value, name] of [
      [minAgeDays, 'minAgeDays'],
      [maxAgeDays, 'maxAgeDays'],
    ] as const) {
      if (value === undefined) continue;
      const days = Number(value);
      if (!Number.isFinite(days) || days < 0) throw new BadRequestException(`${name} must be a non-negative number`);
      filters[name] = days;
    }
    const max = Math.min(Math.max(Number(limit ?? 200) || 200, 1), 1000);
    return (await this.alerts.list({ sql: scope.sql('$1'), value: scope.value }, filters, max)).map(alertView);
  }

  /**
   * GET /api/v1/alerts/inbox?rule=&aanbieder=&status=&minAgeDays=&maxAgeDays=&limit=&after= — the inbox, one page at a
   * time: heaviest severity first, then the oldest situation (effectiveAt), detectedAt, id. `after` is the `next` of
   * the previous page (keyset: stable while alerts come and go). Status defaults to open,acknowledged; age is today
   * (Europe/Amsterdam) − effectiveAt in days; limit 1–500, default 50. `counts.byRule` counts per rule under every
   * filter except rule, `counts.total` under all of them.
   */
  @Get('alerts/inbox')
  @Allow('alerts:read')
  async inbox(
    @CurrentPrincipal() principal: Principal,
    @Query('rule') rule?: string,
    @Query('aanbieder') aanbieder?: string,
    @Query('status') status?: string,
    @Query('minAgeDays') minAgeDays?: string,
    @Query('maxAgeDays') maxAgeDays?: string,
    @Query('limit') limit?: string,
    @Query('after') after?: string,
  ): Promise<unknown> {
    const scope = recordScope(principal, 'alerts');
    const rules = rule === undefined || rule === '' ? undefined : rule.split(',');
    if (rules && !rules.every((r) => (RULE_IDS as readonly string[]).includes(r)))
      throw new BadRequestException(`rule must be one of ${RULE_IDS.join(', ')}`);
    const statuses = status === undefined || status === '' ? ['open', 'acknowledged'] : status.split(',');
    if (!statuses.every((s) => (STATUSES as string[]).includes(s)))
      throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
    if (aanbieder !== undefined && !/^[0-9]{8}$/.test(aanbieder)) throw new BadRequestException('aanbieder must be an 8-digit AGB code');
    if (aanbieder !== undefined && !scope.admits('aanbieder', aanbieder)) throw new ForbiddenException('you may only see your own alerts');
    const days = (value: string | undefined, name: string): number | undefined => {
      if (value === undefined || value === '') return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new BadRequestException(`${name} must be a whole number of days ≥ 0`);
      return n;
    };
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new BadRequestException('limit must be 1–500');
    const page = await this.inboxes.page(
      { sql: scope.sql('$1'), value: scope.value },
      { rules, statuses, aanbieder, minAgeDays: days(minAgeDays, 'minAgeDays'), maxAgeDays: days(maxAgeDays, 'maxAgeDays') },
      n,
      after === undefined || after === '' ? null : decodeCursor(after),
    );
    return { items: page.rows.map(alertView), next: page.next, counts: { byRule: page.byRule, total: page.total } };
  }

  @Get('alerts/:id')
  @Allow('alerts:read')
  async one(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    const scope = recordScope(principal, 'alerts');
    const alert = await this.alerts.findVisible(id, { sql: scope.sql('$1'), value: scope.value });
    if (!alert) throw new NotFoundException(`alert ${id} is not visible to you`);
    return alertView(alert);
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Allow('alerts:act')
  acknowledge(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Body() body: { reason?: string } = {}): Promise<unknown> {
    return this.act(id, 'acknowledge', principal, body?.reason ?? null);
  }

  @Post('alerts/:id/resolve')
  @HttpCode(200)
  @Allow('alerts:act')
  resolve(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Body() body: { reason?: string } = {}): Promise<unknown> {
    return this.act(id, 'resolve', principal, body?.reason ?? null);
  }

  @Post('alerts/:id/dismiss')
  @HttpCode(200)
  @Allow('alerts:act')
  dismiss(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Body() body: { reason?: string } = {}): Promise<unknown> {
    if (!body?.reason || typeof body.reason !== 'string' || !body.reason.trim())
      throw new BadRequestException('dismissing an alert needs a reason');
    return this.act(id, 'dismiss', principal, body.reason);
  }

  private async act(
    id: string,
    action: 'acknowledge' | 'resolve' | 'dismiss',
    principal: Principal,
    reason: string | null,
  ): Promise<unknown> {
    if (reason !== null && (typeof reason !== 'string' || reason.length > 2000))
      throw new BadRequestException('reason must be text of at most 2000 characters');
    // The alerts this principal may act on: alerts:act is the toegang's, on the alerts of its own gemeente.
    const scope = recordScope(principal, 'alerts');
    try {
      const updated = await this.engine.act(id, action, actorOf(principal), reason, (a) => scope.matches(a));
      if (!updated) throw new NotFoundException(`alert ${id} is not visible to you`);
      await this.relay.flush();
      return alertView(updated);
    } catch (error) {
      if (error instanceof AlertTransitionError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** PUT /api/v1/webhooks — the toegang team's webhook: url, HMAC secret, direct or daily digest. */
  @Put('webhooks')
  @Allow('webhooks:manage')
  async subscribe(
    @CurrentPrincipal() principal: Principal,
    @Body() body: { url?: string; secret?: string; mode?: string; digestHour?: number },
  ): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    let url: URL;
    try {
      url = new URL(String(body?.url));
    } catch {
      throw new BadRequestException('url must be an absolute http(s) URL');
    }
    if (!['http:', 'https:'].includes(url.protocol)) throw new BadRequestException('url must be an absolute http(s) URL');
    if (url.username || url.password)
      throw new BadRequestException('url must not carry credentials (the HMAC signature authenticates the platform)');
    // SSRF: only public addresses, unless allow-listed (WEBHOOK_ALLOWED_HOSTS); checked again at every delivery
    await assertWebhookUrl(url, webhookAllowList(this.config));
    if (typeof body.secret !== 'string' || body.secret.length < 16)
      throw new BadRequestException('secret must be at least 16 characters (used for the HMAC signature)');
    const mode = body.mode ?? 'direct';
    if (mode !== 'direct' && mode !== 'digest') throw new BadRequestException('mode must be direct or digest');
    const digestHour = body.digestHour ?? 7;
    if (!Number.isInteger(digestHour) || digestHour < 0 || digestHour > 23) throw new BadRequestException('digestHour must be 0–23');
    await this.webhooks.saveSubscription({ gemeente, url: url.toString(), secret: body.secret, mode, digestHour });
    await this.delivery.syncDigestSchedules();
    return { gemeente, url: url.toString(), mode, digestHour };
  }

  @Get('webhooks/dead-letters')
  @Allow('webhooks:manage')
  async deadLetters(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    return this.webhooks.deadLetters(gemeente);
  }

  @Post('webhooks/dead-letters/:id/replay')
  @HttpCode(202)
  @Allow('webhooks:manage')
  async replay(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    if (!/^[0-9]+$/.test(id)) throw new BadRequestException('id must be a number');
    if (!(await this.delivery.replayDeadLetter(id, gemeente)))
      throw new NotFoundException(`no unreplayed dead letter ${id} of gemeente ${gemeente}`);
    return { replayed: id };
  }
}
