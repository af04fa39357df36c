import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { addDays, dutchDate, isRealDate } from '@trajectwacht/ijw';
import {
  DEFAULT_WACHTTIJD_NORMS,
  WACHTTIJD_GROUP_BYS,
  WachttijdRepository,
  verwijsroutesCsv,
  wachttijdenCsv,
  type VerwijsrouteResult,
  type WachttijdGroupBy,
  type WachttijdResult,
} from '@trajectwacht/indicators';
import { Allow, ApiAuth, ApiErrors, CurrentPrincipal, aggregateScope, type Principal } from '@trajectwacht/platform';
import { MONITOR_SETTINGS, type MonitorSettings } from './settings';

const TABLES = ['wachttijden', 'verwijsroutes'] as const;
type Table = (typeof TABLES)[number];

/** The query of both routes: period and grouping of the waiting times. */
const QUERY = [
  ApiQuery({ name: 'from', required: false, description: 'first day YYYY-MM-DD (default: 182 days before to)', example: '2026-01-01' }),
  ApiQuery({ name: 'to', required: false, description: 'last day YYYY-MM-DD (default: today)', example: '2026-06-30' }),
  ApiQuery({
    name: 'groupBy',
    required: false,
    enum: WACHTTIJD_GROUP_BYS,
    description: 'rows of the waiting-time table (default verwijzer); the referral routes are always per verwijzer type',
  }),
];
const query = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const d of QUERY) d(target, key, descriptor);
};

/**
 * The waiting-time and referral-route indicators (issue 17 point 4; libs/indicators/src/wachttijden.ts), computed in
 * PostgreSQL (wachttijden.repository.ts) over the caller's aggregate scope: regio its gemeenten, toegang its gemeente,
 * aanbieder its own care, beheer all; counts below MONITOR_MIN_COUNT suppressed like every indicator.
 */
@ApiTags('dashboard')
@Controller('api/v1')
export class WachttijdenController {
  constructor(
    private readonly repository: WachttijdRepository,
    @Inject(MONITOR_SETTINGS) private readonly settings: MonitorSettings,
  ) {}

  private options(from?: string, to?: string, groupBy?: string): { from: string; to: string; groupBy: WachttijdGroupBy } {
    const end = to ?? dutchDate(new Date());
    const start = from ?? addDays(end, -182);
    if (!isRealDate(start) || !isRealDate(end)) throw new BadRequestException('from and to must be dates YYYY-MM-DD');
    if (start > end) throw new BadRequestException('from must not lie after to');
    const g = (groupBy ?? 'verwijzer') as WachttijdGroupBy;
    if (!WACHTTIJD_GROUP_BYS.includes(g)) throw new BadRequestException(`groupBy must be one of ${WACHTTIJD_GROUP_BYS.join(', ')}`);
    return { from: start, to: end, groupBy: g };
  }

  private both(principal: Principal, from?: string, to?: string, groupBy?: string) {
    const p = this.options(from, to, groupBy);
    const { minCount, norms } = this.settings;
    return this.repository.both(
      aggregateScope(principal),
      { ...p, minCount, norms: this.settings.wachttijdNorms ?? DEFAULT_WACHTTIJD_NORMS },
      // the herinstroom norms of the indicator table apply to the routes' herinstroom as well
      { minCount, norms: { ...(norms.herinstroom6m ? { herinstroom6m: norms.herinstroom6m } : {}) } },
    );
  }

  /** GET /api/v1/indicators/wachttijden?from&to&groupBy — both tables from one snapshot. */
  @Get('indicators/wachttijden')
  @ApiOperation({
    summary:
      'Waiting times (verzoek → toewijzing, toewijzing → start, verzoek → start: median and p90 with stoplicht) and referral ' +
      'routes (instroom per verwijzer type, later escalation and herinstroom); aggregates only, small counts suppressed',
  })
  @ApiAuth()
  @query
  @ApiOkResponse({
    description: 'the waiting-time table (rows per group, totaal last) and the referral-route table (rows per route, totaal last)',
    schema: {
      type: 'object',
      properties: { wachttijden: { type: 'object' }, verwijsroutes: { type: 'object' } },
      required: ['wachttijden', 'verwijsroutes'],
    },
  })
  @ApiErrors(400)
  @Allow('indicators:read')
  wachttijden(
    @CurrentPrincipal() principal: Principal,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('groupBy') groupBy?: string,
  ): Promise<{ wachttijden: WachttijdResult; verwijsroutes: VerwijsrouteResult }> {
    return this.both(principal, from, to, groupBy);
  }

  /** GET /api/v1/indicators/wachttijden.csv?table=wachttijden|verwijsroutes&from&to&groupBy — one table per file. */
  @Get('indicators/wachttijden.csv')
  @ApiOperation({
    summary: 'One of the two tables as CSV (semicolon, decimal comma, UTF-8 BOM): ?table=wachttijden (default) or verwijsroutes',
  })
  @ApiAuth()
  @query
  @ApiQuery({ name: 'table', required: false, enum: TABLES, description: 'which table (default wachttijden)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file (content-disposition: attachment)', schema: { type: 'string' } })
  @ApiErrors(400)
  @Allow('indicators:read')
  async wachttijdenCsv(
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('groupBy') groupBy?: string,
    @Query('table') table?: string,
  ): Promise<void> {
    const t = (table ?? 'wachttijden') as Table;
    if (!TABLES.includes(t)) throw new BadRequestException(`table must be one of ${TABLES.join(', ')}`);
    const { wachttijden, verwijsroutes } = await this.both(principal, from, to, groupBy);
    const name = t === 'wachttijden' ? `wachttijden-${wachttijden.groupBy}` : 'verwijsroutes';
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="trajectwacht-${name}-${wachttijden.from}-${wachttijden.to}.csv"`);
    res.send(t === 'wachttijden' ? wachttijdenCsv(wachttijden, { bom: true }) : verwijsroutesCsv(verwijsroutes, { bom: true }));
  }
}
