import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  Optional,
  MessageEvent,
  NotFoundException,
  Post,
  Put,
  Query,
  Req,
  Res,
  Sse,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ApiBody, ApiExcludeController, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { concatMap, endWith, filter, interval, map, merge, mergeAll, takeUntil, timer, type Observable } from 'rxjs';
import { addDays, dutchDate, isRealDate } from '@trajectwacht/ijw';
import {
  DEFAULT_DURATION_BUCKETS,
  DEFAULT_OVERGANG18_NORM,
  IndicatorRepository,
  Overgang18Repository,
  overgang18Csv,
  toCsv,
  type GroupBy,
} from '@trajectwacht/indicators';
import {
  Allow,
  ApiAuth,
  ApiErrors,
  ApiPublic,
  CONFIG,
  CurrentPrincipal,
  DeliveredAccessLog,
  NAMES,
  createNames,
  type Names,
  TokenExpiresAt,
  TokenGuard,
  aggregateScope,
  issueToken,
  recordScope,
  type PlatformConfig,
  type Principal,
} from '@trajectwacht/platform';
import { PROXIED } from './api-docs';
import { BerichtenRepository, type BerichtStatus } from './berichten.repository';
import { LiveStream } from './live-stream';
import { LoginLockout, LoginThrottlerGuard } from './login-protection';
import { MONITOR_SETTINGS, type MonitorSettings } from './settings';
import { hashPassword, verifyPassword } from './users';

const GROUPS: GroupBy[] = ['gemeente', 'aanbieder', 'intensiteit', 'totaal'];
/** Checked for unknown users, so that an unknown user costs the same scrypt work as a wrong password. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

/** The query of the indicator routes: the period and the grouping. */
const PERIOD_QUERY = [
  ApiQuery({ name: 'from', required: false, description: 'first day YYYY-MM-DD (default: 182 days before to)', example: '2026-01-01' }),
  ApiQuery({ name: 'to', required: false, description: 'last day YYYY-MM-DD (default: today)', example: '2026-06-30' }),
  ApiQuery({ name: 'groupBy', required: false, enum: GROUPS, description: 'rows of the table (default gemeente)' }),
];
const period = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const d of PERIOD_QUERY) d(target, key, descriptor);
};

@ApiTags('dashboard')
@Controller('api/v1')
export class MonitorController {
  constructor(
    private readonly indicatorsRepository: IndicatorRepository,
    private readonly berichten: BerichtenRepository,
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Inject(MONITOR_SETTINGS) private readonly settings: MonitorSettings,
    private readonly live: LiveStream,
    private readonly overgang18Repository: Overgang18Repository,
    private readonly lockout: LoginLockout,
    private readonly accessLog: DeliveredAccessLog,
    @Optional() @Inject(NAMES) private readonly names: Names = createNames(null),
  ) {}

  /**
   * Names, not codes (issue 18 point 7): the names of the groups of these rows when they are gemeenten (on the
   * period's last day, after any herindeling) or aanbieders (AANBIEDERS_FILE), beside the answer; {} otherwise.
   */
  private groupNames(groupBy: string, groups: readonly string[], op: string): Record<string, string | null> {
    if (groupBy !== 'gemeente' && groupBy !== 'aanbieder') return {};
    const naam = (g: string) => (groupBy === 'gemeente' ? this.names.gemeente(g, op) : this.names.aanbieder(g));
    return Object.fromEntries(groups.filter((g) => g !== 'totaal').map((g) => [g, naam(g)]));
  }

  /** POST /api/v1/login — username + password → the same access token the APIs accept. */
  @Post('login')
  @ApiOperation({ summary: 'Dashboard login (users file, demo default): username and password give an access token' })
  @ApiPublic()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['username', 'password'],
      properties: { username: { type: 'string', example: 'toegang-almere' }, password: { type: 'string', format: 'password' } },
    },
  })
  @ApiOkResponse({
    description: 'the token the APIs accept, the principal and when the token expires',
    schema: {
      type: 'object',
      properties: {
        token: { type: 'string' },
        principal: { $ref: '#/components/schemas/Principal' },
        expiresAt: { type: 'string', format: 'date-time' },
      },
    },
  })
  @ApiErrors([400, 'username and password are required'], [401, 'unknown user or wrong password'], 429)
  @UseGuards(LoginThrottlerGuard) // a rate per address; the lockout per account below (login-protection.ts)
  login(@Body() body: { username?: unknown; password?: unknown }): unknown {
    if (this.config.auth && !this.config.auth.demo)
      throw new NotFoundException('the local login is off (AUTH_DEMO=off): sign in with the OpenID provider');
    if (typeof body?.username !== 'string' || typeof body?.password !== 'string')
      throw new BadRequestException('username and password are required');
    this.lockout.assertOpen(body.username);
    const user = this.settings.users.find((u) => u.username === body.username);
    // Same work and same answer for an unknown user and a wrong password.
    const ok = verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH) && user !== undefined;
    if (!ok || !user) {
      this.lockout.failed(body.username);
      throw new UnauthorizedException('unknown user or wrong password');
    }
    this.lockout.succeeded(body.username);
    const ttl = this.settings.sessionSeconds;
    return {
      token: issueToken({ ...user.principal, sub: user.username } as Principal, this.config.authSecret, ttl),
      principal: { ...user.principal, sub: user.username },
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
    };
  }

  @Get('me')
  @ApiOperation({ summary: 'The principal of the access token (role, gemeente, agb, regio)' })
  @ApiAuth({ forbidden: false })
  @ApiOkResponse({ description: 'the principal', schema: { $ref: '#/components/schemas/Principal' } })
  @UseGuards(TokenGuard)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  private period(from?: string, to?: string, groupBy?: string): { from: string; to: string; groupBy: GroupBy } {
    const end = to ?? dutchDate(new Date());
    const start = from ?? addDays(end, -182);
    if (!isRealDate(start) || !isRealDate(end)) throw new BadRequestException('from and to must be dates YYYY-MM-DD');
    if (start > end) throw new BadRequestException('from must not lie after to');
    const g = (groupBy ?? 'gemeente') as GroupBy;
    if (!GROUPS.includes(g)) throw new BadRequestException(`groupBy must be one of ${GROUPS.join(', ')}`);
    return { from: start, to: end, groupBy: g };
  }

  /** Everything the regional view shows, computed in PostgreSQL (libs/indicators/src/indicators.repository.ts). */
  private async dashboard(principal: Principal, from?: string, to?: string, groupBy?: string) {
    const p = this.period(from, to, groupBy);
    const { minCount, norms } = this.settings;
    const dashboard = await this.indicatorsRepository.dashboard(aggregateScope(principal), {
      ...p,
      minCount,
      norms,
      interval: 'month',
      bucketsInDays: DEFAULT_DURATION_BUCKETS,
    });
    const overgang18 = await this.overgang18(principal, p);
    const groups = [...dashboard.result.rows, ...overgang18.rows].map((r) => r.group);
    return { ...dashboard, norms, overgang18, namen: this.groupNames(p.groupBy, groups, p.to) };
  }

  /** The overgang-18 indicator (issue 15) for the period; grouped like the table (intensiteit: the totaal row only). */
  private overgang18(principal: Principal, p: { from: string; to: string; groupBy: GroupBy }) {
    const o = this.settings.overgang18 ?? { norm: DEFAULT_OVERGANG18_NORM, planBinnenMaanden: 6 };
    return this.overgang18Repository.indicator(aggregateScope(principal), {
      from: p.from,
      to: p.to,
      groupBy: p.groupBy === 'intensiteit' ? 'totaal' : p.groupBy,
      minCount: this.settings.minCount,
      norm: o.norm,
      planBinnenMaanden: o.planBinnenMaanden,
    });
  }

  /**
   * GET /api/v1/indicators/overgang18?from&to&groupBy — of the youths reaching 18 (16 in verblijf) in the period, the share with the
   * follow-up recorded in time.
   */
  @Get('indicators/overgang18')
  @ApiOperation({ summary: 'The overgang-18 indicator: of the youths reaching 18 in the period, the share with the follow-up in time' })
  @ApiAuth()
  @period
  @ApiOkResponse({ description: 'the indicator per group, small counts suppressed', schema: { type: 'object' } })
  @ApiErrors(400)
  @Allow('indicators:read')
  async overgang18Indicator(
    @CurrentPrincipal() principal: Principal,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('groupBy') groupBy?: string,
  ): Promise<unknown> {
    const p = this.period(from, to, groupBy);
    const result = await this.overgang18(principal, p);
    return {
      ...result,
      namen: this.groupNames(
        result.groupBy,
        result.rows.map((r) => r.group),
        p.to,
      ),
    };
  }

  /** GET /api/v1/indicators?from&to&groupBy — aggregates only, small counts suppressed. */
  @Get('indicators')
  @ApiOperation({ summary: 'Regional indicators (aggregates only, small counts suppressed): what the regional view shows' })
  @ApiAuth()
  @period
  @ApiOkResponse({ description: 'indicator table, trends, flows, norms and the overgang-18 indicator', schema: { type: 'object' } })
  @ApiErrors(400)
  @Allow('indicators:read')
  indicators(
    @CurrentPrincipal() principal: Principal,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('groupBy') groupBy?: string,
  ): Promise<unknown> {
    return this.dashboard(principal, from, to, groupBy);
  }

  /** GET /api/v1/indicators.csv — the same table as the dashboard, as CSV (semicolon, decimal comma, UTF-8 BOM). */
  @Get('indicators.csv')
  @ApiOperation({ summary: 'The indicator table as CSV (semicolon, decimal comma, UTF-8 BOM), the overgang-18 block after it' })
  @ApiAuth()
  @period
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file (content-disposition: attachment)', schema: { type: 'string' } })
  @ApiErrors(400)
  @Allow('indicators:read')
  async indicatorsCsv(
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('groupBy') groupBy?: string,
  ): Promise<void> {
    const p = this.period(from, to, groupBy);
    const result = await this.indicatorsRepository.indicators(aggregateScope(principal), {
      ...p,
      minCount: this.settings.minCount,
      norms: this.settings.norms,
    });
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="trajectwacht-indicatoren-${result.from}-${result.to}-${result.groupBy}.csv"`,
    );
    // the overgang-18 indicator follows the table as a second block (after an empty line), grouped the same way
    const overgang18 = await this.overgang18(principal, p);
    const namen = this.groupNames(
      p.groupBy,
      [...result.rows, ...overgang18.rows].map((r) => r.group),
      p.to,
    );
    // a naam column beside the code when the rows are gemeenten or aanbieders (the code stays)
    const naam = p.groupBy === 'gemeente' || p.groupBy === 'aanbieder' ? (g: string) => namen[g] ?? null : undefined;
    res.send(`${toCsv(result, { bom: true, naam })}\r\n${overgang18Csv(overgang18, { naam })}`);
  }

  /** GET /api/v1/aanbieder/berichten — the provider's own messages with their retour codes. */
  @Get('aanbieder/berichten')
  @ApiOperation({ summary: "The provider's own berichten with their status and retourcodes" })
  @ApiAuth()
  @ApiQuery({ name: 'status', required: false, enum: ['geaccepteerd', 'afgewezen', 'wachtend'] })
  @ApiQuery({ name: 'limit', required: false, description: 'at most this many (1–1000, default 200)', schema: { type: 'integer' } })
  @ApiOkResponse({ description: 'the berichten, newest first', schema: { type: 'array', items: { type: 'object' } } })
  @ApiErrors(400)
  @Allow('berichten:read')
  async providerMessages(
    @CurrentPrincipal() principal: Principal,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
  ): Promise<unknown> {
    if (status !== undefined && !['geaccepteerd', 'afgewezen', 'wachtend'].includes(status))
      throw new BadRequestException('status must be geaccepteerd, afgewezen or wachtend');
    const max = Math.min(Math.max(Number(limit ?? 200) || 200, 1), 1000);
    return this.berichten.forAanbieder(recordScope(principal, 'berichten').value, status as BerichtStatus | undefined, max);
  }

  /** GET /api/v1/stream — server-sent events: alerts the caller may see and (aggregate) pathway events. */
  @Sse('stream')
  @ApiOperation({ summary: 'Live events (server-sent events): the alerts the caller may see and aggregate pathway events' })
  @ApiAuth()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'an event stream; it ends with an expired event when the token does', schema: { type: 'string' } })
  @Allow('stream:read')
  stream(@CurrentPrincipal() principal: Principal, @TokenExpiresAt() expiresAt: number, @Req() req: Request): Observable<MessageEvent> {
    // Each alert delivered shows a child's data: its access log row is written before it is sent (DeliveredAccessLog,
    // libs/platform/src/audit/access-logged.ts); in arrival order, and withheld when the row cannot be written.
    const events = this.live.events.pipe(
      filter((e) => LiveStream.visible(principal, e)),
      concatMap(async (e) =>
        e.event !== 'alert' ||
        (await this.accessLog.delivered(req, principal, 'alert.live', e.data.alert.clientPseudonym, e.data.alert.gemeente))
          ? [{ type: e.event, data: e.data } as MessageEvent]
          : [],
      ),
      mergeAll(),
    );
    const keepAlive = interval(25_000).pipe(map(() => ({ type: 'ping', data: {} }) as MessageEvent));
    // The stream ends when the token does: a reconnect needs a valid token again (401 otherwise).
    const expired = timer(Math.max(0, expiresAt - Date.now()));
    return merge(events, keepAlive).pipe(
      takeUntil(expired),
      endWith({ type: 'expired', data: { reason: 'the access token has expired' } } as MessageEvent),
    );
  }
}

/**
 * The alerts and trajectory APIs live in the signal and trajectory services; the dashboard reaches them through this
 * same-origin proxy, so it has exactly their authorisation (the caller's token is passed on unchanged).
 */
@ApiExcludeController() // documented by the proxied services' own documents (api-docs.ts composes them)
@Controller('api/v1')
export class ProxyController {
  constructor(@Inject(MONITOR_SETTINGS) private readonly settings: MonitorSettings) {}

  // Only the methods the proxied APIs have: anything else is this service's own 404, never forwarded. The paths are
  // PROXIED (api-docs.ts): the monitor's API document lists the upstream operations they forward as its own.
  @Get(PROXIED.signals.GET!)
  readAlerts(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(this.settings.signalsUrl, req, res);
  }

  @Post(PROXIED.signals.POST!)
  actOnAlerts(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(this.settings.signalsUrl, req, res);
  }

  @Put(PROXIED.signals.PUT!)
  putWebhook(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(this.settings.signalsUrl, req, res);
  }

  @Get(PROXIED.trajectory.GET!)
  trajectories(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(this.settings.trajectoryUrl, req, res);
  }

  /**
   * POST /api/v1/pseudoniemen/{pseudonym}/vervolg: the follow-up for 18+ recorded in the alert detail (issue 15);
   * POST /api/v1/pseudoniemen/{pseudonym}/bsn: "toon BSN" in the alert detail (issue 18).
   */
  @Post(PROXIED.trajectory.POST!)
  recordVervolg(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.forward(this.settings.trajectoryUrl, req, res);
  }

  private async forward(base: string, req: Request, res: Response): Promise<void> {
    const target = `${base}${req.originalUrl}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    // the request id travels on, so the upstream's access log row (libs/platform/src/audit) names this very request
    const requestId = (req as Request & { id?: unknown }).id;
    if (typeof requestId === 'string') headers['x-request-id'] = requestId;
    try {
      const upstream = await fetch(target, {
        method: req.method,
        headers,
        body: ['GET', 'HEAD'].includes(req.method) ? undefined : JSON.stringify(req.body ?? {}),
        signal: AbortSignal.timeout(15_000),
      });
      res.status(upstream.status).setHeader('cache-control', 'no-store');
      res.type(upstream.headers.get('content-type') ?? 'application/json').send(await upstream.text());
    } catch (error) {
      res.status(502).json({ statusCode: 502, message: `upstream service unavailable: ${(error as Error).message}` });
    }
  }
}
