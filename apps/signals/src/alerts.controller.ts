import { BadRequestException, Body, ConflictException, Controller, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Allow, CurrentPrincipal, DATA_SOURCE, OUTBOX_RELAY, actorOf, recordScope, type OutboxRelay, type Principal } from '@trajectwacht/platform';
import { RULE_IDS, type AlertStatus } from '@trajectwacht/signals';
import { AlertInboxRepository, decodeCursor } from './alert-inbox.repository';
import { DeliveryService } from './delivery.service';
import { ALERT_JSON, AlertTransitionError, SignalEngine, alertView, type AlertRow } from './signal.engine';

const STATUSES: AlertStatus[] = ['open', 'acknowledged', 'resolved', 'dismissed'];

/**
 * Alerts are personal data: the access policy (libs/platform/src/access) lets a toegang worker see its own gemeente's
 * and act on them, an aanbieder see those addressed to it; no one else.
 */
@Controller('api/v1')
export class AlertsController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    private readonly delivery: DeliveryService,
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
    const where = [scope.sql('$1')];
    const params: unknown[] = [scope.value];
    if (gemeente !== undefined) {
      if (!/^[0-9]{4}$/.test(gemeente)) throw new BadRequestException('gemeente must be a 4-digit gemeentecode');
      if (!scope.admits('gemeente', gemeente)) throw new ForbiddenException(`you may only see alerts of gemeente ${scope.value}`);
      params.push(gemeente);
      where.push(`gemeente = $${params.length}`);
    }
    if (rule !== undefined) {
      const rules = rule.split(',');
      if (!rules.every((r) => (RULE_IDS as readonly string[]).includes(r))) throw new BadRequestException(`rule must be one of ${RULE_IDS.join(', ')}`);
      params.push(rules);
      where.push(`rule_id = ANY($${params.length})`);
    }
    if (status !== undefined) {
      const statuses = status.split(',');
      if (!statuses.every((s) => (STATUSES as string[]).includes(s))) throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
      params.push(statuses);
      where.push(`status = ANY($${params.length})`);
    }
    for (const [value, op, name] of [[minAgeDays, '<=', 'minAgeDays'], [maxAgeDays, '>=', 'maxAgeDays']] as const) {
      if (value === undefined) continue;
      const days = Number(value);
      if (!Number.isFinite(days) || days < 0) throw new BadRequestException(`${name} must be a non-negative number`);
      params.push(days);
      where.push(`detected_at ${op} now() - make_interval(secs => $${params.length} * 86400)`);
    }
    const max = Math.min(Math.max(Number(limit ?? 200) || 200, 1), 1000);
    const rows: { row: AlertRow }[] = await this.dataSource.query(`SELECT ${ALERT_JSON} AS row FROM alert WHERE ${where.join(' AND ')} ORDER BY detected_at DESC LIMIT ${max}`, params);
    return rows.map((r) => alertView(r.row));
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
    if (rules && !rules.every((r) => (RULE_IDS as readonly string[]).includes(r))) throw new BadRequestException(`rule must be one of ${RULE_IDS.join(', ')}`);
    const statuses = status === undefined || status === '' ? ['open', 'acknowledged'] : status.split(',');
    if (!statuses.every((s) => (STATUSES as string[]).includes(s))) throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
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
    const page = await new AlertInboxRepository(this.dataSource).page(
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
    const rows: { row: AlertRow }[] = await this.dataSource.query(`SELECT ${ALERT_JSON} AS row FROM alert WHERE id = $2 AND ${scope.sql('$1')}`, [scope.value, id]);
    if (rows.length === 0) throw new NotFoundException(`alert ${id} is not visible to you`);
    return alertView(rows[0]!.row);
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
    if (!body?.reason || typeof body.reason !== 'string' || !body.reason.trim()) throw new BadRequestException('dismissing an alert needs a reason');
    return this.act(id, 'dismiss', principal, body.reason);
  }

  private async act(id: string, action: 'acknowledge' | 'resolve' | 'dismiss', principal: Principal, reason: string | null): Promise<unknown> {
    if (reason !== null && (typeof reason !== 'string' || reason.length > 2000)) throw new BadRequestException('reason must be text of at most 2000 characters');
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
  async subscribe(@CurrentPrincipal() principal: Principal, @Body() body: { url?: string; secret?: string; mode?: string; digestHour?: number }): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    let url: URL;
    try {
      url = new URL(String(body?.url));
    } catch {
      throw new BadRequestException('url must be an absolute http(s) URL');
    }
    if (!['http:', 'https:'].includes(url.protocol)) throw new BadRequestException('url must be an absolute http(s) URL');
    if (typeof body.secret !== 'string' || body.secret.length < 16) throw new BadRequestException('secret must be at least 16 characters (used for the HMAC signature)');
    const mode = body.mode ?? 'direct';
    if (mode !== 'direct' && mode !== 'digest') throw new BadRequestException('mode must be direct or digest');
    const digestHour = body.digestHour ?? 7;
    if (!Number.isInteger(digestHour) || digestHour < 0 || digestHour > 23) throw new BadRequestException('digestHour must be 0–23');
    await this.dataSource.query(
      `INSERT INTO webhook_subscription (gemeente, url, secret, mode, digest_hour) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (gemeente) DO UPDATE SET url = excluded.url, secret = excluded.secret, mode = excluded.mode, digest_hour = excluded.digest_hour, updated_at = now()`,
      [gemeente, url.toString(), body.secret, mode, digestHour],
    );
    await this.delivery.syncDigestSchedules();
    return { gemeente, url: url.toString(), mode, digestHour };
  }

  @Get('webhooks/dead-letters')
  @Allow('webhooks:manage')
  async deadLetters(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    return this.dataSource.query(`SELECT id, payload, error, attempts, created_at AS "createdAt", replayed_at AS "replayedAt" FROM webhook_dead_letter WHERE gemeente = $1 ORDER BY id DESC LIMIT 200`, [gemeente]);
  }

  @Post('webhooks/dead-letters/:id/replay')
  @HttpCode(202)
  @Allow('webhooks:manage')
  async replay(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    if (!/^[0-9]+$/.test(id)) throw new BadRequestException('id must be a number');
    if (!(await this.delivery.replayDeadLetter(id, gemeente))) throw new NotFoundException(`no unreplayed dead letter ${id} of gemeente ${gemeente}`);
    return { replayed: id };
  }
}
