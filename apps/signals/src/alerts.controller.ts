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
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { dutchDate } from '@trajectwacht/dates';
import { summariseClient } from '@trajectwacht/trajectory';
import {
  AccessLogged,
  Accessed,
  Allow,
  ApiAuth,
  ApiErrors,
  CONFIG,
  CurrentPrincipal,
  AccessNote,
  NAMES,
  createNames,
  type Names,
  DATA_SOURCE,
  OUTBOX_RELAY,
  type PlatformConfig,
  actorOf,
  recordScope,
  type OutboxRelay,
  type Principal,
} from '@trajectwacht/platform';
import { RULE_IDS, factLabels, type AlertStatus, type FactLabel } from '@trajectwacht/signals';
import { AlertInboxRepository, decodeCursor } from './alert-inbox.repository';
import { PgAlertRepository, type AlertListFilters, type AlertRow } from './alert.repository';
import { DeliveryService } from './delivery.service';
import { PgSignalTrajectoryRepository } from './signal-trajectory.repository';
import { AlertTransitionError, SignalEngine, alertView } from './signal.engine';
import { WebhookRepository } from './webhook.repository';
import { assertWebhookUrl, webhookAllowList } from './webhook-guard';

const STATUSES: AlertStatus[] = ['open', 'acknowledged', 'resolved', 'dismissed'];
/** The access log of the routes on one alert (libs/platform/src/audit): the alert named, the reason given. */
const ALERT_SUBJECT = { subject: { param: 'id', kind: 'alert' as const }, reason: 'reason' };
/** An alert as the API shows it: its view, the toewijzingnummers and the child's age (null: no birth date known). */
type ShownAlert = ReturnType<typeof alertView> & {
  toewijzingNummers: string[];
  leeftijd: number | null;
  /** Names, not codes (issue 18 point 7): beside the codes, the names on the alert's date, and the labels of its facts. */
  gemeenteNaam: string | null;
  aanbiederNaam: string | null;
  factLabels: Record<string, FactLabel>;
};

/** The schemas the decorators below refer to (signals app.ts hands them to setupApiDocs). */
export const ALERT_SCHEMAS: Record<string, Record<string, unknown>> = {
  Alert: {
    type: 'object',
    description: 'an alert (alertView, apps/signals/src/signal.engine.ts); the facts are labelled in Dutch and English (docs/alerts.md)',
    properties: {
      id: { type: 'string' },
      ruleId: { type: 'string', enum: [...RULE_IDS] },
      severity: { type: 'string' },
      status: { type: 'string', enum: STATUSES },
      gemeente: { type: 'string', pattern: '^[0-9]{4}$', description: 'CBS gemeentecode' },
      gemeenteNaam: { type: 'string', nullable: true, description: 'its name on effectiveAt (CBS list with the herindelingen)' },
      aanbieder: { type: 'string', nullable: true, description: 'AGB code' },
      aanbiederNaam: { type: 'string', nullable: true, description: 'its name from AANBIEDERS_FILE (null: none there)' },
      factLabels: {
        type: 'object',
        description: 'per key of facts its label, Dutch and English',
        additionalProperties: { type: 'object', properties: { nl: { type: 'string' }, en: { type: 'string' } } },
      },
      clientPseudonym: { type: 'string' },
      trajectoryIds: { type: 'array', items: { type: 'string' } },
      toewijzingNummers: { type: 'array', items: { type: 'string' }, description: 'the toewijzingnummers of those trajectories' },
      leeftijd: { type: 'integer', nullable: true, description: "the child's age today, from the birth date of its trajectories" },
      recipients: { type: 'array', items: { type: 'string' } },
      title: { type: 'string' },
      facts: { type: 'object', additionalProperties: true, description: 'what the rule saw (keys per rule)' },
      effectiveAt: { type: 'string', format: 'date' },
      detectedAt: { type: 'string', format: 'date-time' },
      escalationLevel: { type: 'integer' },
      acknowledgedBy: { type: 'string', nullable: true },
      closedBy: { type: 'string', nullable: true },
      closeReason: { type: 'string', nullable: true },
      history: { type: 'array', items: { type: 'object' } },
    },
    additionalProperties: true,
  },
  Reden: {
    type: 'object',
    properties: { reason: { type: 'string', maxLength: 2000, description: 'why (required to dismiss)' } },
  },
};
const ALERT = { $ref: '#/components/schemas/Alert' };
const ALERT_ID = ApiParam({ name: 'id', description: 'the alert id', example: 'A0123456789abcdef0123456' });
const AGE_QUERIES = [
  ApiQuery({ name: 'minAgeDays', required: false, schema: { type: 'integer', minimum: 0 }, description: 'at least this many days old' }),
  ApiQuery({ name: 'maxAgeDays', required: false, schema: { type: 'integer', minimum: 0 }, description: 'at most this many days old' }),
];
const ages = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const d of AGE_QUERIES) d(target, key, descriptor);
};
const RULE_QUERY = ApiQuery({ name: 'rule', required: false, description: `comma-separated rule ids: ${RULE_IDS.join(', ')}` });
const STATUS_QUERY = ApiQuery({ name: 'status', required: false, description: `comma-separated: ${STATUSES.join(', ')}` });

/**
 * Alerts are personal data: the access policy (libs/platform/src/access) lets a toegang worker see its own gemeente's
 * and act on them, an aanbieder see those addressed to it; no one else.
 */
@ApiTags('alerts')
@Controller('api/v1')
export class AlertsController {
  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly engine: SignalEngine,
    private readonly delivery: DeliveryService,
    private readonly alerts: PgAlertRepository,
    private readonly inboxes: AlertInboxRepository,
    private readonly webhooks: WebhookRepository,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Optional() @Inject(CONFIG) private readonly config?: PlatformConfig,
    @Optional() @Inject(NAMES) private readonly names: Names = createNames(null),
  ) {}

  /**
   * The alerts as shown, with who the child is to the toegang worker (issue 18): the toewijzingnummers of its
   * trajectories and its age today, computed from the birth date the signal service's trajectory states hold (never
   * stored with the alert). Each alert is noted in the access log of the call.
   */
  private async shown(rows: readonly AlertRow[], note: AccessNote): Promise<ShownAlert[]> {
    const ids = [...new Set(rows.flatMap((a) => a.trajectoryIds))];
    const states = await new PgSignalTrajectoryRepository(this.dataSource.manager).statesById(ids);
    const today = dutchDate(new Date());
    return rows.map((a) => {
      note.concerns(a.clientPseudonym, a.gemeente);
      const own = a.trajectoryIds.map((id) => states.get(id)).filter((t) => t !== undefined);
      return {
        ...alertView(a),
        toewijzingNummers: a.trajectoryIds.map((id) => id.slice(id.indexOf('-') + 1)),
        leeftijd: own.length > 0 ? summariseClient(own, today).leeftijd : null,
        gemeenteNaam: this.names.gemeente(a.gemeente, a.effectiveAt),
        aanbiederNaam: this.names.aanbieder(a.aanbieder),
        factLabels: factLabels(a.facts),
      };
    });
  }

  /** GET /api/v1/alerts?gemeente=&rule=&status=&minAgeDays=&maxAgeDays=&limit= — newest first within the caller's scope. */
  @Get('alerts')
  @ApiOperation({ summary: "Alerts within the caller's scope, newest first" })
  @ApiAuth()
  @ApiQuery({ name: 'gemeente', required: false, description: '4-digit CBS gemeentecode (only your own)' })
  @RULE_QUERY
  @STATUS_QUERY
  @ages
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } })
  @ApiOkResponse({ description: 'the alerts', schema: { type: 'array', items: ALERT } })
  @ApiErrors(400)
  @Allow('alerts:read')
  @AccessLogged('alerts.list')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('gemeente') gemeente?: string,
    @Query('rule') rule?: string,
    @Query('status') status?: string,
    @Query('minAgeDays') minAgeDays?: string,
    @Query('maxAgeDays') maxAgeDays?: string,
    @Query('limit') limit?: string,
    @Accessed() note: AccessNote = new AccessNote(),
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
    return this.shown(await this.alerts.list({ sql: scope.sql('$1'), value: scope.value }, filters, max), note);
  }

  /**
   * GET /api/v1/alerts/inbox?rule=&aanbieder=&status=&minAgeDays=&maxAgeDays=&limit=&after= — the inbox, one page at a
   * time: heaviest severity first, then the oldest situation (effectiveAt), detectedAt, id. `after` is the `next` of
   * the previous page (keyset: stable while alerts come and go). Status defaults to open,acknowledged; age is today
   * (Europe/Amsterdam) − effectiveAt in days; limit 1–500, default 50. `counts.byRule` counts per rule under every
   * filter except rule, `counts.total` under all of them.
   */
  @Get('alerts/inbox')
  @ApiOperation({
    summary: 'The alert inbox, one page at a time: heaviest first, then the oldest situation',
    description:
      '`after` is the `next` of the previous page (keyset). Status defaults to open,acknowledged; age is today − effectiveAt ' +
      'in days. `counts.byRule` counts per rule under every filter except rule, `counts.total` under all of them.',
  })
  @ApiAuth()
  @RULE_QUERY
  @ApiQuery({ name: 'aanbieder', required: false, description: '8-digit AGB code (an aanbieder: only its own)' })
  @STATUS_QUERY
  @ages
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'after', required: false, description: 'the cursor: `next` of the previous page' })
  @ApiOkResponse({
    description: 'a page of the inbox',
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: ALERT },
        next: { type: 'string', nullable: true },
        counts: {
          type: 'object',
          properties: { byRule: { type: 'object', additionalProperties: { type: 'integer' } }, total: { type: 'integer' } },
        },
      },
    },
  })
  @ApiErrors(400)
  @Allow('alerts:read')
  @AccessLogged('alerts.inbox')
  async inbox(
    @CurrentPrincipal() principal: Principal,
    @Query('rule') rule?: string,
    @Query('aanbieder') aanbieder?: string,
    @Query('status') status?: string,
    @Query('minAgeDays') minAgeDays?: string,
    @Query('maxAgeDays') maxAgeDays?: string,
    @Query('limit') limit?: string,
    @Query('after') after?: string,
    @Accessed() note: AccessNote = new AccessNote(),
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
    return { items: await this.shown(page.rows, note), next: page.next, counts: { byRule: page.byRule, total: page.total } };
  }

  @Get('alerts/:id')
  @ApiOperation({ summary: 'One alert with its history' })
  @ApiAuth()
  @ALERT_ID
  @ApiOkResponse({ description: 'the alert', schema: ALERT })
  @ApiErrors([404, 'the alert is not visible to you'])
  @Allow('alerts:read')
  @AccessLogged('alert.detail', ALERT_SUBJECT)
  async one(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Accessed() note: AccessNote): Promise<unknown> {
    const scope = recordScope(principal, 'alerts');
    const alert = await this.alerts.findVisible(id, { sql: scope.sql('$1'), value: scope.value });
    if (!alert) throw new NotFoundException(`alert ${id} is not visible to you`);
    return (await this.shown([alert], note))[0];
  }

  @Post('alerts/:id/acknowledge')
  @ApiOperation({ summary: 'Acknowledge an alert (toegang of its gemeente)' })
  @ApiAuth()
  @ALERT_ID
  @ApiBody({ required: false, schema: { $ref: '#/components/schemas/Reden' } })
  @ApiOkResponse({ description: 'the alert after the action', schema: ALERT })
  @ApiErrors(400, [404, 'the alert is not visible to you'], [409, 'the alert cannot be acknowledged in its current status'])
  @HttpCode(200)
  @Allow('alerts:act')
  @AccessLogged('alert.acknowledge', ALERT_SUBJECT)
  acknowledge(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
    @Body() body: { reason?: string } = {},
  ): Promise<unknown> {
    return this.act(id, 'acknowledge', principal, body?.reason ?? null, note);
  }

  @Post('alerts/:id/resolve')
  @ApiOperation({ summary: 'Resolve an alert (toegang of its gemeente)' })
  @ApiAuth()
  @ALERT_ID
  @ApiBody({ required: false, schema: { $ref: '#/components/schemas/Reden' } })
  @ApiOkResponse({ description: 'the alert after the action', schema: ALERT })
  @ApiErrors(400, [404, 'the alert is not visible to you'], [409, 'the alert cannot be resolved in its current status'])
  @HttpCode(200)
  @Allow('alerts:act')
  @AccessLogged('alert.resolve', ALERT_SUBJECT)
  resolve(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
    @Body() body: { reason?: string } = {},
  ): Promise<unknown> {
    return this.act(id, 'resolve', principal, body?.reason ?? null, note);
  }

  @Post('alerts/:id/dismiss')
  @ApiOperation({ summary: 'Dismiss an alert, with a reason (toegang of its gemeente)' })
  @ApiAuth()
  @ALERT_ID
  @ApiBody({ required: true, schema: { allOf: [{ $ref: '#/components/schemas/Reden' }], required: ['reason'] } })
  @ApiOkResponse({ description: 'the alert after the action', schema: ALERT })
  @ApiErrors([400, 'dismissing needs a reason'], [404, 'the alert is not visible to you'], [409, 'the alert cannot be dismissed now'])
  @HttpCode(200)
  @Allow('alerts:act')
  @AccessLogged('alert.dismiss', ALERT_SUBJECT)
  dismiss(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
    @Body() body: { reason?: string } = {},
  ): Promise<unknown> {
    if (!body?.reason || typeof body.reason !== 'string' || !body.reason.trim())
      throw new BadRequestException('dismissing an alert needs a reason');
    return this.act(id, 'dismiss', principal, body.reason, note);
  }

  private async act(
    id: string,
    action: 'acknowledge' | 'resolve' | 'dismiss',
    principal: Principal,
    reason: string | null,
    note: AccessNote,
  ): Promise<unknown> {
    if (reason !== null && (typeof reason !== 'string' || reason.length > 2000))
      throw new BadRequestException('reason must be text of at most 2000 characters');
    // The alerts this principal may act on: alerts:act is the toegang's, on the alerts of its own gemeente.
    const scope = recordScope(principal, 'alerts');
    try {
      const updated = await this.engine.act(id, action, actorOf(principal), reason, (a) => scope.matches(a));
      if (!updated) throw new NotFoundException(`alert ${id} is not visible to you`);
      await this.relay.flush();
      return (await this.shown([updated], note))[0];
    } catch (error) {
      if (error instanceof AlertTransitionError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** PUT /api/v1/webhooks — the toegang team's webhook: url, HMAC secret, direct or daily digest. */
  @Put('webhooks')
  @ApiOperation({ summary: "Register the toegang team's webhook: url, HMAC secret, direct or a daily digest" })
  @ApiAuth()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['url', 'secret'],
      properties: {
        url: { type: 'string', format: 'uri', description: 'absolute http(s) URL, a public address (or in WEBHOOK_ALLOWED_HOSTS)' },
        secret: { type: 'string', minLength: 16, description: 'the HMAC key of the signature' },
        mode: { type: 'string', enum: ['direct', 'digest'], default: 'direct' },
        digestHour: { type: 'integer', minimum: 0, maximum: 23, default: 7 },
      },
    },
  })
  @ApiOkResponse({
    description: 'the subscription (without the secret)',
    schema: {
      type: 'object',
      properties: { gemeente: { type: 'string' }, url: { type: 'string' }, mode: { type: 'string' }, digestHour: { type: 'integer' } },
    },
  })
  @ApiErrors([400, 'invalid url (or a refused address), secret, mode or digestHour'])
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
  @ApiOperation({ summary: "The gemeente's webhook deliveries that failed every attempt" })
  @ApiAuth()
  @ApiOkResponse({ description: 'the dead letters', schema: { type: 'array', items: { type: 'object' } } })
  @Allow('webhooks:manage')
  async deadLetters(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    const gemeente = recordScope(principal, 'webhooks').value;
    return this.webhooks.deadLetters(gemeente);
  }

  @Post('webhooks/dead-letters/:id/replay')
  @ApiOperation({ summary: 'Deliver a dead letter again' })
  @ApiAuth()
  @ApiParam({ name: 'id', description: 'the dead letter id (a number)' })
  @ApiAcceptedResponse({ description: 'queued for delivery', schema: { type: 'object', properties: { replayed: { type: 'string' } } } })
  @ApiErrors([400, 'id must be a number'], [404, 'no unreplayed dead letter with this id of your gemeente'])
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
