import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  ServiceUnavailableException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  AccessLogRepository,
  AccessLogged,
  Accessed,
  Allow,
  ApiAuth,
  ApiErrors,
  BsnVault,
  CurrentPrincipal,
  DATA_SOURCE,
  RedactingLogger,
  accessLogScope,
  bsnKeyRing,
  bsnRevealScope,
  type AccessNote,
  type Principal,
} from '@trajectwacht/platform';

const PSEUDONYM = /^[0-9a-f]{32}$/;
/** The reason a BSN is shown: required, at least this long (a word or two is no reason), at most 500 characters. */
export const MIN_REASON_LENGTH = 10;

/**
 * Who the child is, for the entitled toegang worker, and who looked (issue 18; docs/security.md, "The BSN store" and
 * "Access log"). The BSN was stored encrypted by ingest from the gemeente's own accepted JW301
 * (libs/platform/src/bsn); it is shown only on an explicit POST with a reason, only to a toegang worker of that
 * gemeente (the access policy's bsnRevealScope), and every call is a row of the access log. The access log of a child
 * is read by the toegang beheerder of the gemeente (accessLogScope), its own gemeente's rows only.
 */
const PSEUDONYM_PARAM = ApiParam({ name: 'pseudonym', description: 'the client pseudonym (32 hexadecimal characters)' });

@ApiTags('toegang')
@Controller('api/v1')
export class ToegangController implements OnApplicationBootstrap {
  /** Null when BSN_KEYS is not set: nothing is stored, nothing can be shown. */
  private readonly vault: BsnVault | null;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly logger: RedactingLogger,
  ) {
    const ring = bsnKeyRing();
    this.vault = ring ? new BsnVault(ring) : null;
  }

  /** Key rotation: data keys still wrapped by an older key are rewrapped under BSN_ACTIVE_KEY at start. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.vault) return;
    const rewrapped = await this.dataSource.transaction((manager) => this.vault!.rewrapAll(manager));
    if (rewrapped.length > 0)
      this.logger.log(`BSN data keys of ${rewrapped.length} gemeente(n) rewrapped under key ${this.vault.ring.active}`, 'BsnVault');
  }

  @Post('pseudoniemen/:pseudonym/bsn')
  @HttpCode(200)
  @Allow('bsn:reveal')
  @AccessLogged('bsn.reveal', { subject: { param: 'pseudonym', kind: 'pseudonym' }, reason: 'reden' })
  @ApiOperation({
    summary: "Show the child's BSN (toegang of the child's gemeente only, with a reason; logged)",
    description:
      `Body {"reden": "…"} (${MIN_REASON_LENGTH}–500 characters). The BSN the gemeente itself sent in its JW301, decrypted for this ` +
      'answer only (Cache-Control: no-store). Every call, allowed or refused, is a row of the access log with the reason.',
  })
  @ApiAuth()
  @PSEUDONYM_PARAM
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reden'],
      properties: { reden: { type: 'string', minLength: MIN_REASON_LENGTH, maxLength: 500 } },
    },
  })
  @ApiOkResponse({
    description: "the child's BSN as the gemeente stored it (Cache-Control: no-store)",
    schema: { type: 'object', properties: { pseudonym: { type: 'string' }, gemeente: { type: 'string' }, bsn: { type: 'string' } } },
  })
  @ApiErrors(
    [400, `no pseudonym, or no reason (reden) of ${MIN_REASON_LENGTH}–500 characters`],
    [404, 'your gemeente holds no BSN of this child (the same answer for a child of another gemeente)'],
    [503, 'the BSN store is not configured (BSN_KEYS)'],
  )
  async reveal(
    @Param('pseudonym') pseudonym: string,
    @Body() body: { reden?: unknown } | undefined,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ pseudonym: string; gemeente: string; bsn: string }> {
    if (!PSEUDONYM.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    const reden = typeof body?.reden === 'string' ? body.reden.trim() : '';
    if (reden.length < MIN_REASON_LENGTH || reden.length > 500)
      throw new BadRequestException(`showing a BSN needs a reason (reden) of ${MIN_REASON_LENGTH} to 500 characters`);
    const { gemeente } = bsnRevealScope(principal);
    if (!this.vault) throw new ServiceUnavailableException('the BSN store is not configured (BSN_KEYS)');
    const bsn = await this.vault.reveal(this.dataSource.manager, gemeente, pseudonym);
    // The same answer for a child of another gemeente and an unknown one: existence elsewhere is not revealed.
    if (bsn === null) throw new NotFoundException('your gemeente holds no BSN of this client');
    note.concerns(pseudonym, gemeente);
    res.setHeader('cache-control', 'no-store');
    return { pseudonym, gemeente, bsn };
  }

  @Get('pseudoniemen/:pseudonym/toegangslog')
  @Allow('accesslog:read')
  @AccessLogged('accesslog.read', { subject: { param: 'pseudonym', kind: 'pseudonym' } })
  @ApiOperation({
    summary: "The access log of a child (NEN 7513): the toegang beheerder of the gemeente, its own gemeente's rows",
    description:
      'Newest first, `limit` 1–200 (default 50), `before` = the `next` of the previous page. The rows whose data was of ' +
      "the beheerder's gemeente or whose caller was one of its workers: who, role, organisation, action, route, when, outcome, reason.",
  })
  @ApiAuth()
  @PSEUDONYM_PARAM
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'before', required: false, description: 'the cursor: `next` of the previous page' })
  @ApiOkResponse({
    description: 'a page of the access log, newest first',
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ...Object.fromEntries(
                ['id', 'at', 'service', 'requestId', 'sub', 'role', 'organisation', 'action', 'route', 'subject', 'outcome', 'reason'].map(
                  (k) => [k, { type: 'string', nullable: true }],
                ),
              ),
              pseudonyms: { type: 'array', items: { type: 'string' } },
              gemeenten: { type: 'array', items: { type: 'string' } },
              status: { type: 'integer' },
            },
          },
        },
        next: { type: 'string', nullable: true },
      },
    },
  })
  @ApiErrors([400, 'no pseudonym, or a wrong limit or before'])
  async accessLog(
    @Param('pseudonym') pseudonym: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
    @Query('limit') limit?: string,
    @Query('before') before?: string,
  ): Promise<unknown> {
    if (!PSEUDONYM.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    const n = limit === undefined || limit === '' ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 200) throw new BadRequestException('limit must be 1–200');
    if (before !== undefined && before !== '' && !/^[1-9][0-9]{0,18}$/.test(before))
      throw new BadRequestException('before is the next of a previous page');
    const { gemeente } = accessLogScope(principal);
    const rows = await new AccessLogRepository(this.dataSource.manager).forChild(pseudonym, gemeente, n + 1, before || null);
    note.concerns(pseudonym, gemeente);
    const items = rows.slice(0, n);
    return { items, next: rows.length > n ? items[items.length - 1]!.id : null };
  }
}
