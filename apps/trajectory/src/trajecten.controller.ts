import { BadRequestException, Controller, Get, Inject, NotFoundException, Optional, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { dutchDate, isValidBsn, pseudonymiseBsn } from '@trajectwacht/ijw';
import {
  AccessLogged,
  Accessed,
  Allow,
  ApiAuth,
  ApiErrors,
  CONFIG,
  CurrentPrincipal,
  NAMES,
  createNames,
  type Names,
  DATA_SOURCE,
  recordScope,
  type AccessNote,
  type PlatformConfig,
  type Principal,
} from '@trajectwacht/platform';
import { summariseClient } from '@trajectwacht/trajectory';
import { TrajectoryRepository } from './trajectory.repository';

/**
 * Personal data, scoped by the access policy (libs/platform/src/access): a toegang worker sees the trajectories of its
 * own gemeente, an aanbieder those it delivers; regional coordinators and beheer see aggregates only (the monitor).
 */
const date = { type: 'string', format: 'date', nullable: true };
/** The schemas the decorators below refer to (trajectory app.ts hands them to setupApiDocs). */
export const TRAJECT_SCHEMAS: Record<string, Record<string, unknown>> = {
  Traject: {
    type: 'object',
    description: 'one trajectory: a toewijzing with its start and stop (TrajectoryState, libs/trajectory/src/trajectory.ts)',
    properties: {
      id: { type: 'string', example: '0034-12345678', description: '<gemeentecode>-<toewijzingNummer>' },
      gemeente: { type: 'string', pattern: '^[0-9]{4}$', description: 'CBS gemeentecode' },
      gemeenteNaam: { type: 'string', nullable: true, description: 'its name on the ingangsdatum (CBS list with the herindelingen)' },
      toewijzingNummer: { type: 'string' },
      aanbieder: { type: 'string', pattern: '^[0-9]{8}$', description: 'AGB code' },
      aanbiederNaam: { type: 'string', nullable: true, description: 'its name from AANBIEDERS_FILE (null: none there)' },
      clientPseudonym: { type: 'string' },
      geboortedatum: { type: 'string', format: 'date' },
      productcategorie: { type: 'string', nullable: true },
      productcode: { type: 'string', nullable: true },
      intensiteit: { type: 'string', nullable: true },
      crisis: { type: 'boolean' },
      verblijf: { type: 'boolean' },
      status: { type: 'string' },
      ingangsdatum: date,
      einddatum: date,
      begindatum: date,
      stopdatum: date,
      redenBeeindiging: { type: 'string', nullable: true },
      timeline: { type: 'array', items: { type: 'object' }, description: 'the berichten of the trajectory, in order' },
    },
    additionalProperties: true,
  },
};

const TRAJECTEN = {
  type: 'object',
  properties: {
    client: {
      type: 'object',
      description: 'the child summary: age, the active trajectories, the highest active intensity',
      properties: {
        pseudonym: { type: 'string', pattern: '^[0-9a-f]{32}$' },
        geboortedatum: { type: 'string', format: 'date' },
        leeftijd: { type: 'integer' },
        actieveTrajecten: { type: 'array', items: { type: 'string' } },
        hoogsteActieveIntensiteit: { type: 'string', nullable: true },
        crisisActief: { type: 'boolean' },
      },
    },
    trajecten: { type: 'array', items: { $ref: '#/components/schemas/Traject' } },
  },
};
const NOT_VISIBLE: [number, string] = [404, 'no trajectories of this client are visible to you (the same whether unknown or elsewhere)'];

@ApiTags('trajecten')
@Controller('api/v1')
export class TrajectenController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: PlatformConfig,
    @Optional() @Inject(NAMES) private readonly names: Names = createNames(null),
  ) {}

  /** The child's trajectories visible to the caller, with the child summary (age, active, highest intensity). */
  @Get('clients/:bsn/trajecten')
  @ApiOperation({ summary: "A child's trajectories visible to the caller, by BSN, with the child summary" })
  @ApiAuth()
  @ApiParam({ name: 'bsn', description: 'the BSN (9 digits, 11-proef); pseudonymised at once, never stored or logged' })
  @ApiOkResponse({ description: 'the child summary and its trajectories (without timelines)', schema: TRAJECTEN })
  @ApiErrors([400, 'not a valid BSN'], NOT_VISIBLE)
  @Allow('trajectories:read')
  @AccessLogged('trajectories.client', { subject: { param: 'bsn', kind: 'bsn' } })
  async clientTrajecten(
    @Param('bsn') bsn: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
  ): Promise<unknown> {
    if (!isValidBsn(bsn)) throw new BadRequestException('not a valid BSN (9 digits passing the 11-proef)');
    return this.byPseudonym(pseudonymiseBsn(bsn, this.config.pseudonymSecret), principal, false, note);
  }

  /** The same by pseudonym (as alerts carry it), with each trajectory's timeline: what the monitor's inbox shows. */
  @Get('pseudoniemen/:pseudonym/trajecten')
  @ApiOperation({ summary: "A child's trajectories with their timelines, by pseudonym (as alerts carry it)" })
  @ApiAuth()
  @ApiParam({ name: 'pseudonym', description: 'the client pseudonym (32 hexadecimal characters)' })
  @ApiOkResponse({ description: 'the child summary and its trajectories with timelines', schema: TRAJECTEN })
  @ApiErrors([400, 'not a pseudonym'], NOT_VISIBLE)
  @Allow('trajectories:read')
  @AccessLogged('trajectories.timeline', { subject: { param: 'pseudonym', kind: 'pseudonym' } })
  async pseudonymTrajecten(
    @Param('pseudonym') pseudonym: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
  ): Promise<unknown> {
    if (!/^[0-9a-f]{32}$/.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    return this.byPseudonym(pseudonym, principal, true, note);
  }

  private async byPseudonym(pseudonym: string, principal: Principal, withTimeline: boolean, note: AccessNote): Promise<unknown> {
    const scope = recordScope(principal, 'trajectories');
    const trajectories = await new TrajectoryRepository(this.dataSource).visibleOfClient(pseudonym, scope);
    // Same answer whether the child is unknown or known only elsewhere: existence in another gemeente is not revealed.
    if (trajectories.length === 0) throw new NotFoundException('no trajectories of this client are visible to you');
    for (const t of trajectories) note.concerns(pseudonym, t.gemeente); // the access log (libs/platform/src/audit)
    const summary = summariseClient(trajectories, dutchDate(new Date()));
    return {
      client: {
        pseudonym,
        geboortedatum: summary.geboortedatum,
        leeftijd: summary.leeftijd,
        actieveTrajecten: summary.active.map((t) => t.id),
        hoogsteActieveIntensiteit: summary.highestActiveIntensity,
        crisisActief: summary.crisisActive,
      },
      trajecten: (withTimeline ? summary.history : summary.history.map(({ timeline: _timeline, ...rest }) => rest)).map((t) =>
        this.named(t),
      ),
    };
  }

  /** One trajectory with its full timeline of messages. */
  @Get('trajecten/:id')
  @ApiOperation({ summary: 'One trajectory with its full timeline of berichten' })
  @ApiAuth()
  @ApiParam({ name: 'id', description: '<gemeentecode>-<toewijzingNummer>', example: '0034-12345678' })
  @ApiOkResponse({ description: 'the trajectory', schema: { $ref: '#/components/schemas/Traject' } })
  @ApiErrors([400, 'not a trajectory id'], [404, 'the trajectory is not visible to you'])
  @Allow('trajectories:read')
  @AccessLogged('trajectory.detail', { subject: { param: 'id', kind: 'trajectory' } })
  async trajectory(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Accessed() note: AccessNote): Promise<unknown> {
    const scope = recordScope(principal, 'trajectories');
    if (!/^[0-9]{4}-[0-9]{1,8}$/.test(id)) throw new BadRequestException('a trajectory id is <gemeentecode>-<toewijzingNummer>');
    const state = await new TrajectoryRepository(this.dataSource).visibleById(id, scope);
    if (!state) throw new NotFoundException(`trajectory ${id} is not visible to you`);
    note.concerns(state.clientPseudonym, state.gemeente);
    return this.named(state);
  }

  /** Names, not codes (issue 18 point 7): the gemeente's name on the toewijzing's ingangsdatum, the provider's name. */
  private named<T extends { gemeente: string; aanbieder: string; ingangsdatum: string | null }>(
    t: T,
  ): T & { gemeenteNaam: string | null; aanbiederNaam: string | null } {
    const op = t.ingangsdatum ?? dutchDate(new Date());
    return { ...t, gemeenteNaam: this.names.gemeente(t.gemeente, op), aanbiederNaam: this.names.aanbieder(t.aanbieder) };
  }
}
