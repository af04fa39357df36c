import { BadRequestException, Controller, ForbiddenException, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { dutchDate } from '@trajectwacht/ijw';
import {
  AccessLogged,
  AccessNote,
  Accessed,
  Allow,
  ApiAuth,
  ApiErrors,
  CurrentPrincipal,
  DATA_SOURCE,
  recordScope,
  type Principal,
} from '@trajectwacht/platform';
import { WACHTLIJST_SOORTEN, decodeWachtlijstCursor, isWachtlijstSoort } from '@trajectwacht/trajectory';
import { WachtlijstRepository } from './wachtlijst.repository';

const date = { type: 'string', format: 'date', nullable: true };
const ITEM = {
  type: 'object',
  description: 'one waiting case (WachtlijstItem, libs/trajectory/src/wachtlijst.ts); never a BSN',
  properties: {
    soort: { type: 'string', enum: [...WACHTLIJST_SOORTEN] },
    id: { type: 'string', description: 'verzoek: gemeente|aanbieder|ReferentieAanbieder; toewijzing: <gemeentecode>-<toewijzingNummer>' },
    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
    aanbieder: { type: 'string', pattern: '^[0-9]{8}$', description: 'AGB code' },
    clientPseudonym: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    sinds: { type: 'string', format: 'date', description: 'verzoek: received; toewijzing: its Ingangsdatum' },
    wachtdagen: { type: 'integer', minimum: 0, description: 'days from sinds to today (Europe/Amsterdam)' },
    toewijzingNummers: { type: 'array', items: { type: 'string' } },
    referentieAanbieder: { type: 'string', nullable: true },
    status: { type: 'string', description: 'verzoek: ontvangen or in_onderzoek; toewijzing: toegewezen' },
    productcategorie: { type: 'string', nullable: true },
    productcode: { type: 'string', nullable: true },
    verwijzerType: { type: 'string', nullable: true, description: 'COD327 (JW315)' },
    ingangsdatum: date,
    verzoekOntvangen: { ...date, description: 'a toewijzing that honours a JW315: that verzoek received' },
    wachtdagenSindsVerzoek: { type: 'integer', nullable: true },
  },
};

/**
 * The toegang worker's waiting list (issue 17 point 5): open verzoeken and toewijzingen without a start, oldest first,
 * per aanbieder, with the days waited. Personal data: scoped by the access policy like the trajectories (a toegang
 * worker its own gemeente, an aanbieder its own clients by AGB; regio and beheer 403), and every case shown is a row
 * of the access log.
 */
@ApiTags('wachtlijst')
@Controller('api/v1')
export class WachtlijstController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('wachtlijst')
  @ApiOperation({
    summary: 'The waiting list: open verzoeken (JW315/JW317) and toewijzingen without a start, oldest first, one page at a time',
    description:
      '`after` is the `next` of the previous page (keyset over sinds, soort, id). `perSoort` counts under every filter except ' +
      'soort; `perAanbieder` and `total` under all of them. Waiting days run to today in Europe/Amsterdam.',
  })
  @ApiAuth()
  @ApiQuery({ name: 'soort', required: false, description: `comma-separated: ${WACHTLIJST_SOORTEN.join(', ')}` })
  @ApiQuery({ name: 'aanbieder', required: false, description: '8-digit AGB code (an aanbieder: only its own)' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'after', required: false, description: 'the cursor: `next` of the previous page' })
  @ApiOkResponse({
    description: 'a page of the waiting list',
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: ITEM },
        next: { type: 'string', nullable: true },
        perSoort: { type: 'object', additionalProperties: { type: 'integer' } },
        perAanbieder: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              aanbieder: { type: 'string' },
              verzoeken: { type: 'integer' },
              toewijzingen: { type: 'integer' },
              langsteWachtdagen: { type: 'integer' },
            },
          },
        },
        total: { type: 'integer' },
        vandaag: { type: 'string', format: 'date' },
      },
    },
  })
  @ApiErrors([400, 'a filter, the limit or the cursor is not valid'])
  @Allow('trajectories:read')
  @AccessLogged('wachtlijst')
  async wachtlijst(
    @CurrentPrincipal() principal: Principal,
    @Query('soort') soort?: string,
    @Query('aanbieder') aanbieder?: string,
    @Query('limit') limit?: string,
    @Query('after') after?: string,
    @Accessed() note: AccessNote = new AccessNote(),
  ): Promise<unknown> {
    const scope = recordScope(principal, 'trajectories');
    const soorten = soort === undefined || soort === '' ? undefined : soort.split(',');
    if (soorten && !soorten.every(isWachtlijstSoort))
      throw new BadRequestException(`soort must be one of ${WACHTLIJST_SOORTEN.join(', ')}`);
    if (aanbieder !== undefined && aanbieder !== '' && !/^[0-9]{8}$/.test(aanbieder))
      throw new BadRequestException('aanbieder must be an 8-digit AGB code');
    const agb = aanbieder === undefined || aanbieder === '' ? undefined : aanbieder;
    if (agb !== undefined && !scope.admits('aanbieder', agb)) throw new ForbiddenException('you may only see your own waiting list');
    const n = limit === undefined || limit === '' ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new BadRequestException('limit must be 1–500');
    const cursor = after === undefined || after === '' ? null : decodeWachtlijstCursor(after);
    if (after !== undefined && after !== '' && cursor === null) throw new BadRequestException('after is not a cursor of this list');
    const page = await new WachtlijstRepository(this.dataSource).page(
      { sql: (p, alias) => scope.sql(p, alias), value: scope.value },
      { ...(soorten ? { soorten: soorten.filter(isWachtlijstSoort) } : {}), ...(agb ? { aanbieder: agb } : {}) },
      dutchDate(new Date()),
      n,
      cursor,
    );
    for (const item of page.items) note.concerns(item.clientPseudonym, item.gemeente);
    return page;
  }
}
